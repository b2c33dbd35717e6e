import {
  MESSAGE_TYPES,
  isConnectMessage,
  type HelloMessage,
  isRequestMessage,
  message,
  type ReadyMessage,
  type RefusedMessage,
  type StorageState,
  WINDOW_PATH,
} from '../shared/protocol';
import { createDebugLog } from '../shared/debug-log';
import { ScdkError } from '../shared/scdk-error';
import { detectStorage } from './detect-storage';
import { showNotAWindow } from './not-a-window';
import { createOriginAllowlist } from './origin-allowlist';
import { LOGOUT_API_PATH, SESSION_API_PATH, createPlatformApi } from './platform-api';
import { DEFAULT_CLIENT_COOKIES } from './client-cookies';
import { createRequestHandler } from './request-handlers';
import { declareSessionCookie, type SessionCookie } from './session-cookie';

/** What the platform's bridge page passes to `scdkPlatform.startBridge(config)`. */
export interface BridgeConfig {
  /** The gateway this page serves; a `connect` for another gateway is refused with 4001. */
  gateway: string;
  /** Exact partner origins trusted for this gateway. Keep it equal to the page's CSP `frame-ancestors`. */
  allowedOrigins: string[];
  /** Broker name shown to users. */
  broker?: string;
  /** Prefix of the platform API paths; same origin as the bridge page. Default `''`. */
  apiBase?: string;
  /** Script-visible session cookies to clear on logout. Default `['scdk_account']`. */
  clientCookies?: string[];
  /**
   * How the session cookie the API depends on is set. The bridge iframe reports `available` only where
   * that cookie can reach it: `sameSite: 'None'`, not partitioned, and the browser lets the frame have
   * cookies. Left out, it is taken as `{ sameSite: 'Lax' }`, so the platform window does every logout.
   */
  sessionCookie?: SessionCookie;
  debug?: boolean;
}

/**
 * The bridge's port server: the platform half of the transport. In a frame it talks to its parent; in a window the SDK opened
 * (logout fallback, login page) it talks to its opener and first says `hello` to each trusted origin.
 * Accepts one `connect` per page load (first wins, so a later look-alike cannot take over the channel),
 * then answers requests on the transferred MessagePort (request-handlers.ts). Returns a function that stops it.
 */
export function startBridge(config: BridgeConfig): () => void {
  const isAllowed = createOriginAllowlist(config.allowedOrigins);
  const apiBase = config.apiBase ?? '';
  const apiUrls = [LOGOUT_API_PATH, SESSION_API_PATH].map((path) => new URL(apiBase + path, location.href));
  const sessionCookie = declareSessionCookie(config.sessionCookie, apiUrls, location.hostname);
  const api = createPlatformApi(apiBase, config.gateway);
  const broker = config.broker ?? '';
  const clientCookies = config.clientCookies ?? DEFAULT_CLIENT_COOKIES;
  const log = createDebugLog(config.debug === true, 'bridge');
  const framed = window.parent !== window;
  const peer: Window | null = framed ? window.parent : window.opener;
  let port: MessagePort | null = null;
  let storage: StorageState = 'blocked';
  if (!peer) {
    log('no parent or opener to serve');
    // Only the window page explains itself; the login-done page a user reached on their own stays as it is.
    return location.pathname === WINDOW_PATH ? showNotAWindow(broker, config.allowedOrigins) : () => {};
  }

  const refuse = (target: MessagePort, error: ScdkError): void => {
    target.postMessage(message<RefusedMessage>({ type: MESSAGE_TYPES.refused, error: error.toJSON() }));
    target.close();
  };

  const handle = createRequestHandler({ api, sessionCookie, broker, clientCookies, framed, storage: () => storage });

  const onRequest = async (event: MessageEvent): Promise<void> => {
    const data: unknown = event.data;
    if (!isRequestMessage(data)) {
      log('dropped a malformed request');
      return;
    }
    const reply = await handle(data);
    port?.postMessage(reply);
  };

  const onMessage = (event: MessageEvent): void => {
    // 1. source window: only the page that frames (or opened) us may connect.
    if (event.source !== peer) return;
    // 2. shape (a connect must carry the port to answer on).
    const data: unknown = event.data;
    const replyPort = event.ports[0];
    if (!isConnectMessage(data) || !replyPort) return;
    // 3. origin, answered on the port so the partner learns why.
    if (!isAllowed(event.origin)) {
      log('refused origin', event.origin);
      refuse(replyPort, new ScdkError(4005, `The platform does not trust ${event.origin} for gateway "${config.gateway}".`));
      return;
    }
    if (data.gateway !== config.gateway) {
      refuse(replyPort, new ScdkError(4001, `This bridge serves gateway "${config.gateway}", not "${data.gateway}".`));
      return;
    }
    if (port) {
      // First connect wins; later ones get an answer so nothing waits for a timeout.
      refuse(replyPort, new ScdkError(5002, 'This platform page is already connected. Try again.'));
      return;
    }
    port = replyPort;
    port.onmessage = onRequest;
    // A window is the top-level page, first party on the platform: its cookies are its own (Lax, Strict and
    // partitioned ones too), and a probe could only fail for reasons that have nothing to do with third-party blocking.
    (framed ? detectStorage(sessionCookie) : Promise.resolve<StorageState>('available')).then((state) => {
      storage = state;
      log('storage', `${state} (session cookie SameSite=${sessionCookie.sameSite}${sessionCookie.partitioned ? ', partitioned' : ''})`);
      port?.postMessage(message<ReadyMessage>({ type: MESSAGE_TYPES.ready, storage }));
    });
  };

  window.addEventListener('message', onMessage);
  if (!framed) {
    // The opener's origin is unknown here, so the (data-free) hello goes to each trusted origin: only a match is delivered.
    const hello = message<HelloMessage>({ type: MESSAGE_TYPES.hello, gateway: config.gateway });
    for (const origin of config.allowedOrigins) peer.postMessage(hello, origin);
  }
  return () => {
    window.removeEventListener('message', onMessage);
    if (port) {
      port.onmessage = null;
      port.close();
      port = null;
    }
  };
}
