/** A platform page for this gateway. Platform URLs carry the gateway (and protocol version) only: never the token. */
export function pageUrl(platformOrigin: string, path: string, gateway: string): string {
  return `${platformOrigin}${path}?gateway=${encodeURIComponent(gateway)}`;
}

/** A hidden, unfocusable iframe. `hidden` (not a style attribute) keeps it working under a strict partner CSP. */
export function createBridgeFrame(src: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'scdk bridge';
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  // The platform learns which partner origin framed it, not the partner's full URL.
  frame.referrerPolicy = 'origin';
  frame.src = src;
  return frame;
}
