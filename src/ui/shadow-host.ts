/** Sheets parsed once per text and shared by every shadow root (the switcher may open a thousand times). */
const sheets = new Map<string, CSSStyleSheet>();

/**
 * A host element with an open shadow root styled with `css`, and the container Preact renders into.
 * Styles go in as a constructable stylesheet, which no CSP blocks; where the browser has none, a
 * `<style>` element carries `nonce` so a strict `style-src` can allow it.
 */
export function createShadowHost(tag: string, css: string, nonce: string | undefined): { host: HTMLElement; mount: HTMLElement } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  try {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
  // Preact owns this container only, so it never removes the <style> fallback beside it.
  const mount = document.createElement('div');
  root.append(mount);
  return { host, mount };
}
