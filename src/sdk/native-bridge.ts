/**
 * The page side of the native bridge: a host app that ends the platform session itself, with the gateway's
 * native SDK (`logoutUser`), in the cookie jar that SDK used, which a web view's own jar cannot reach.
 * docs/native-bridge.md is the protocol for host-app developers; keep the two in step.
 *
 * Found in this order: `config.nativeBridge` (an object the page got from its host), a WKWebView handler
 * named `scdk` (`window.webkit.messageHandlers.scdk`, registered with a reply:
 * WKScriptMessageHandlerWithReply), or the object Android's `addWebMessageListener` injects under that
 * name (a global `scdk` with `postMessage` and `addEventListener`; the host limits it to the partner's
 * origin with `allowedOriginRules`).
 *
 * Finding a host is synchronous and stays here, in the script tag: a logout chooses its path inside the
 * click. The call and answer (src/ui/ask-native-host.ts) come with the UI chunk: the native path opens no
 * window, so it may await the chunk first.
 *
 * Rules kept on it: no token crosses the bridge (the host is signed in already); a call succeeds only when
 * the host confirms, with an answer of the right shape; one deadline for the call (5001); the host's error
 * codes are scdk's own, anything else becomes 2000.
 */
import type { Deadline } from './deadline';
import { isErrorCode } from '../shared/error-codes';
import { isRecord } from '../shared/is-record';
import {
  type AndroidListener,
  type NativeBridgeConfig,
  type NativeHost,
  type NativeMethod,
  type NativeResults,
} from '../shared/native-protocol';
import { ScdkError, timedOut } from '../shared/scdk-error';
import type { UiModule } from '../shared/ui-module';

export * from '../shared/native-protocol';

/** The handler name a host app registers (WKUserContentController.add(_:name:), addWebMessageListener's jsObjectName). */
export const NATIVE_BRIDGE_NAME = 'scdk';

export interface NativeBridge {
  /** Where the bridge was found. */
  readonly via: NativeHost['via'];
  /** Whether asking `method` makes sense: a detected host answers 'unsupported' for what it lacks. */
  has(method: NativeMethod): boolean;
  /**
   * Asks the host; rejects 5001 when `deadline` runs out. The timer and listener go when the call settles;
   * a caller that must stop early (destroy()) stops waiting on the promise: a late answer changes nothing.
   */
  call<M extends NativeMethod>(method: M, deadline: Deadline): Promise<NativeResults[M]>;
}

/** The parts of `window` the bridge looks at. */
export interface NativeHostWindow {
  webkit?: { messageHandlers?: Record<string, { postMessage(body: unknown): unknown } | undefined> };
  [NATIVE_BRIDGE_NAME]?: unknown;
}

/** The half of the UI chunk that speaks to the host (the UI loader's load() in a page). */
export type LoadNativeCall = () => Promise<Pick<UiModule, 'askNativeHost'>>;

export function isNativeBridgeConfig(value: unknown): value is NativeBridgeConfig {
  return isRecord(value) && typeof value.logout === 'function' &&
    (value.switchAccount === undefined || typeof value.switchAccount === 'function');
}

/** The host app on this page, or null where there is none. Looks, never calls: finding it sends nothing. */
function findNativeHost(win: NativeHostWindow, configured?: NativeBridgeConfig): NativeHost | null {
  if (configured) return { via: 'config', target: configured };
  const handler = win.webkit?.messageHandlers?.[NATIVE_BRIDGE_NAME];
  if (handler && typeof handler.postMessage === 'function') return { via: 'webkit', target: handler };
  const android = win[NATIVE_BRIDGE_NAME];
  return isRecord(android) && typeof android.postMessage === 'function' && typeof android.removeEventListener === 'function'
    ? { via: 'android', target: android as unknown as AndroidListener }
    : null;
}

/**
 * The bridge to the host app, or null where there is none (a browser, or an app that registered nothing).
 * A call loads the chunk's half with `load` (its failure is the call's), then asks with what is left of
 * the deadline.
 */
export function findNativeBridge(win: NativeHostWindow, configured: NativeBridgeConfig | undefined, load: LoadNativeCall): NativeBridge | null {
  const host = findNativeHost(win, configured);
  return (
    host && {
      via: host.via,
      has: (method) => host.via !== 'config' || typeof host.target[method] === 'function',
      call: (method, deadline) => load().then((ui) => ui.askNativeHost(host, method, deadline(), { ScdkError, isErrorCode, timedOut, isRecord })),
    }
  );
}
