/**
 * The switcher's and the button's styles. Partners theme them with three custom properties, which
 * inherit into the shadow roots: --scdk-accent (primary colour, white text on it), --scdk-radius, --scdk-font.
 * Everything else is reset at the host so the partner's CSS cannot leak in.
 */
const BASE =
  ':host{all:initial;--a:var(--scdk-accent,#2151c9);--r:var(--scdk-radius,14px);font:15px/1.45 var(--scdk-font,system-ui,sans-serif);color:#1d232b}' +
  ':host>div{display:contents}' +
  'button{font:inherit;font-weight:600;padding:10px 16px;border-radius:calc(var(--r)*.6);border:1px solid #b9c0cb;background:#fff;color:inherit;cursor:pointer}' +
  'button:focus-visible{outline:3px solid var(--a);outline-offset:2px}' +
  '.p{background:var(--a);border-color:var(--a);color:#fff}' +
  '@media (prefers-reduced-motion:reduce){*,:before{animation:none!important;transition:none!important}}';

export const SWITCHER_CSS =
  BASE +
  ':host{position:fixed;inset:0;z-index:2147483647;display:grid;place-items:center}' +
  '.b{position:absolute;inset:0;background:#0f172a8c;animation:f .2s}' +
  '.d{position:relative;box-sizing:border-box;width:min(420px,100vw - 32px);padding:24px;background:#fff;border-radius:var(--r);box-shadow:0 24px 60px #0f172a4d;animation:u .2s ease-out}' +
  '.d:focus{outline:0}' +
  'h2{margin:0 40px 16px 0;font-size:19px;line-height:1.3}' +
  'p{margin:0}' +
  '.m{color:#4a5361;font-size:13px}' +
  '.a{margin-top:2px;font:600 22px/1.3 ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.04em}' +
  '.e{color:#b3261e}' +
  '.x{position:absolute;top:14px;right:14px;width:36px;height:36px;padding:0;border:0;font-size:22px;line-height:1}' +
  '.s{display:flex;gap:12px;align-items:center}' +
  '.s:before{content:"";flex:none;width:18px;height:18px;border:3px solid #d5dae1;border-top-color:var(--a);border-radius:50%;animation:r .8s linear infinite}' +
  '.k{display:flex;flex-wrap:wrap;gap:8px;margin-top:24px}.k button{flex:1 1 auto}' +
  '@keyframes r{to{transform:rotate(1turn)}}@keyframes f{from{opacity:0}}@keyframes u{from{opacity:0;transform:translateY(12px)}}' +
  '@media (max-width:480px){:host{place-items:end stretch}.d{width:100%;border-radius:var(--r) var(--r) 0 0;padding-bottom:32px}.k{flex-direction:column}}';

export const BUTTON_CSS = BASE + ':host{display:inline-block}:host([hidden]){display:none}.a{margin-right:8px;opacity:.85;font-weight:400}';
