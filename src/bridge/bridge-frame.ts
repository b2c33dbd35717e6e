import { BRIDGE_PATH, PROTOCOL_VERSION } from './protocol';

/** The bridge URL carries the gateway and protocol version only: never the token. */
export function bridgeUrl(platformOrigin: string, gateway: string): string {
  return `${platformOrigin}${BRIDGE_PATH}?gateway=${encodeURIComponent(gateway)}&v=${PROTOCOL_VERSION}`;
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

export function mountFrame(frame: HTMLIFrameElement): void {
  (document.body || document.documentElement).appendChild(frame);
}
