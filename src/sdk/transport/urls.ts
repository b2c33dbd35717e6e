import { BRIDGE_PATH, LOGIN_PATH, PROTOCOL_VERSION, STATUS_PATH, WINDOW_PATH } from '../../shared/protocol';

/** A platform page for this gateway. Platform URLs carry the gateway (and protocol version) only: never the token. */
export function pageUrl(platformOrigin: string, path: string, gateway: string): string {
  return `${platformOrigin}${path}?gateway=${encodeURIComponent(gateway)}`;
}

/** The platform pages the SDK opens for one gateway. */
export interface PlatformUrls {
  /** The bridge page, loaded in the hidden frame. */
  bridge: string;
  /** The window page: a platform window's first page (logout, the first step of a switch). */
  window: string;
  /** The platform's login page, where a switch lets the user pick the next account. */
  login: string;
  /** The status endpoint a silent handshake asks why. */
  status: string;
}

export function platformUrls(platformOrigin: string, gateway: string): PlatformUrls {
  const versioned = (path: string) => `${pageUrl(platformOrigin, path, gateway)}&v=${PROTOCOL_VERSION}`;
  return {
    bridge: versioned(BRIDGE_PATH),
    window: versioned(WINDOW_PATH),
    login: pageUrl(platformOrigin, LOGIN_PATH, gateway),
    status: pageUrl(platformOrigin, STATUS_PATH, gateway),
  };
}
