/** A hidden, unfocusable iframe for the bridge page. `hidden` (not a style attribute) keeps it working under a strict partner CSP. */
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
