/**
 * The switcher's and the button's styles. Partners theme them with three custom properties, which
 * inherit into the shadow roots: --scdk-accent (primary colour, white text on it), --scdk-radius, --scdk-font.
 * Everything else is reset at the host so the partner's CSS cannot leak in.
 *
 * Every user's setting (README, openAccountSwitcher, "The user's settings"):
 * - Colours are variables (--c text, --g surface, --l lines, --m muted text, --e error text, --o dialog edge)
 *   with dark values under prefers-color-scheme: dark. The accent, radius and font stay the partner's.
 * - Forced colours (Windows high contrast) drop box-shadows and repaint colours: the dialog and the close
 *   button have transparent borders that become visible, focus is an outline (Highlight), the primary
 *   button has a 3 px edge, and the spinner keeps a moving segment.
 * - Text: the host starts from `medium` (the user's default font size) and the text is the larger of
 *   15/16 of it and 15/16 of the page's root size, so a user's larger text and a partner's own root scaling
 *   both grow it, and a page with a small root (62.5 %) cannot shrink it. Sizes inside are em, the dialog's
 *   width too; the dialog scrolls vertically, never sideways, and long words wrap.
 */
const BASE =
  ':host{all:initial;--a:var(--scdk-accent,#2151c9);--r:var(--scdk-radius,14px);--c:#1d232b;--g:#fff;--l:#b9c0cb;--m:#4a5361;--e:#b3261e;font:medium/1.45 var(--scdk-font,system-ui,sans-serif);color:var(--c);overflow-wrap:anywhere}' +
  '@media (prefers-color-scheme:dark){:host{--c:#e6e9ee;--g:#1c2129;--l:#5c6573;--m:#a9b2bf;--e:#ffb4ab;--o:#fff3;color-scheme:dark}}' +
  ':host>div{display:contents;font-size:max(.9375em,.9375rem)}' +
  'button{font:inherit;font-weight:600;padding:10px 16px;border-radius:calc(var(--r)*.6);border:1px solid var(--l);background:var(--g);color:inherit;cursor:pointer}' +
  // Two-tone: the white ring shows on a dark page or surface, the accent on a light one.
  'button:focus-visible{outline:3px solid var(--a);outline-offset:2px;box-shadow:0 0 0 2px #fff}' +
  '.p{background:var(--a);border-color:var(--a);color:#fff}' +
  // Forced colours repaint the accent away: a thicker edge (and less padding, so no size changes) marks the primary action.
  '@media (forced-colors:active){button:focus-visible{outline-color:Highlight}.p{border-width:3px;padding:8px 14px}}' +
  '@media (prefers-reduced-motion:reduce){*,:before{animation:none!important;transition:none!important}}';

export const SWITCHER_CSS =
  BASE +
  ':host{position:fixed;inset:0;z-index:2147483647;display:grid;place-items:center}' +
  '.b{position:absolute;inset:0;background:#0f172a8c;animation:f .2s}' +
  '.d{position:relative;box-sizing:border-box;width:min(28em,100vw - 32px);max-height:100%;overflow:auto;padding:24px;background:var(--g);border:1px solid var(--o,#0000);border-radius:var(--r);box-shadow:0 24px 60px #0f172a4d;animation:u .2s ease-out}' +
  '.d:focus{outline:0}' +
  'h2{margin:0 2.1em 16px 0;font-size:1.27em;line-height:1.3}' +
  'p{margin:0}' +
  '.m{color:var(--m);font-size:.867em}' +
  '.a{margin-top:2px;font:600 1.467em/1.3 ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.04em}' +
  '.e{color:var(--e)}' +
  '.x{position:absolute;top:14px;right:14px;width:1.64em;height:1.64em;padding:0;border-color:#0000;font-size:1.467em;line-height:1}' +
  '.s{display:flex;gap:12px;align-items:center}' +
  '.s:before{content:"";flex:none;width:1.2em;height:1.2em;border:3px solid var(--l);border-top-color:var(--a);border-radius:50%;animation:r .8s linear infinite}' +
  '.k{display:flex;flex-wrap:wrap;gap:8px;margin-top:24px}.k button{flex:1 1 auto}' +
  // After .s:before, which it overrides.
  '@media (forced-colors:active){.s:before{border-top-color:Highlight}}' +
  '@keyframes r{to{transform:rotate(1turn)}}@keyframes f{from{opacity:0}}@keyframes u{from{opacity:0;transform:translateY(12px)}}' +
  '@media (max-width:30em){:host{place-items:end stretch}.d{width:100%;border-radius:var(--r) var(--r) 0 0;padding-bottom:32px}.k{flex-direction:column}}';

export const BUTTON_CSS = BASE + ':host{display:inline-block}:host([hidden]){display:none}.a{margin-right:8px;opacity:.85;font-weight:400}';
