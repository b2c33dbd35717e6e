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
 * Rules kept on it: no token crosses the bridge (the host is signed in already); a call succeeds only when
 * the host confirms, with an answer of the right shape; one deadline for the call (5001); the host's error
 * codes are scdk's own, anything else becomes 2000.
 */
import type { Deadline } from './deadline';
import { isErrorCode } from '../shared/error-codes';
import { isRecord } from '../shared/is-record';
import { ScdkError, timedOut } from '../shared/scdk-error';

/** The handler name a host app registers (WKUserContentController.add(_:name:), addWebMessageListener's jsObjectName). */
export const NATIVE_BRIDGE_NAME = 'scdk';
/** Every message on the bridge carries this namespace and version. */
export const NATIVE_NAMESPACE = 'scdk-native';
export const NATIVE_VERSION = 1;
/** What a host answers for a method it does not implement. */
export const UNSUPPORTED = 'unsupported';

export interface NativeLogoutResult {
  hadSession: boolean;
}
/** `switched: false` when the user logged out but chose no other account. */
export interface NativeSwitchResult {
  switched: boolean;
}
export interface NativeResults {
  logout: NativeLogoutResult;
  switchAccount: NativeSwitchResult;
}
export type NativeMethod = keyof NativeResults;

/** `config.nativeBridge`: what a page's host app hands it directly. */
export interface NativeBridgeConfig {
  logout(): Promise<NativeLogoutResult>;
  switchAccount?(): Promise<NativeSwitchResult>;
}

/** page -> host, as a JSON string (Android's WebMessage carries strings). */
export interface NativeRequest {
  ns: typeof NATIVE_NAMESPACE;
  v: typeof NATIVE_VERSION;
  id: string;
  method: NativeMethod;
}
/** host -> page: the result, or an error whose code is one of scdk's (or 'unsupported'). */
export type NativeResponse =
  | { ns: typeof NATIVE_NAMESPACE; v: number; id: string; ok: true; result: unknown }
  | { ns: typeof NATIVE_NAMESPACE; v: number; id: string; ok: false; error: { code: unknown; detail?: unknown } };

export interface NativeBridge {
  /** Where the bridge was found. */
  readonly via: 'config' | 'webkit' | 'android';
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

interface AndroidListener {
  postMessage(data: string): void;
  addEventListener(type: 'message', fn: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', fn: (event: { data: unknown }) => void): void;
}

/** The boolean field that makes each method's result, so a result of the wrong shape is never a success. */
const RESULT_FIELD: { [M in NativeMethod]: keyof NativeResults[M] } = { logout: 'hadSession', switchAccount: 'switched' };

/**
 * Sends `request` to the host; calls `onAnswer` with each message back, `onRefusal` when the host refuses.
 * Returns the removal of what it attached. Once a call settled, later calls of either change nothing:
 * a promise settles once, and settling again only clears what is already cleared.
 */
type Send = (request: NativeRequest, onAnswer: (raw: unknown) => void, onRefusal: (reason: unknown) => void) => () => void;

let lastId = 0;

export function isNativeBridgeConfig(value: unknown): value is NativeBridgeConfig {
  return isRecord(value) && typeof value.logout === 'function' &&
    (value.switchAccount === undefined || typeof value.switchAccount === 'function');
}

/** The answer to request `id` (a JSON string or an object), or undefined for anything else. */
function answerTo(id: string, raw: unknown): NativeResponse | undefined {
  let data = raw;
  try {
    if (typeof raw === 'string') data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  return isRecord(data) && data.ns === NATIVE_NAMESPACE && data.id === id ? (data as unknown as NativeResponse) : undefined;
}

/** scdk's code when the host gave one; 2000 for a method it lacks; else the method's failure code (3023 for logout). */
function hostError(method: NativeMethod, error: unknown): ScdkError {
  if (error instanceof ScdkError) return error;
  const { code, detail } = isRecord(error) ? error : { code: undefined, detail: error };
  const said = detail ? `: ${String(detail)}` : '';
  return isErrorCode(code)
    ? new ScdkError(code, `The host app could not ${method}${said}`)
    : new ScdkError(code !== UNSUPPORTED && method === 'logout' ? 3023 : 2000, `The host app failed to ${method} (${String(code)})${said}`);
}

function bridge(via: NativeBridge['via'], send: Send, has: NativeBridge['has'] = () => true): NativeBridge {
  return {
    via,
    has,
    call: <M extends NativeMethod>(method: M, deadline: Deadline) =>
      new Promise<NativeResults[M]>((resolve, reject) => {
        const id = String(++lastId);
        const settle = (error: ScdkError | null, result?: NativeResults[M]): void => {
          clearTimeout(timer);
          stop();
          if (error) reject(error);
          else resolve(result as NativeResults[M]);
        };
        let stop = (): void => {};
        const timer = setTimeout(() => settle(timedOut('The host app')), deadline());
        stop = send(
          { ns: NATIVE_NAMESPACE, v: NATIVE_VERSION, id, method },
          (raw) => {
            const answer = answerTo(id, raw);
            if (!answer) return;
            const result = answer.ok && answer.result;
            if (!answer.ok) settle(hostError(method, answer.error));
            else if (isRecord(result) && typeof result[RESULT_FIELD[method]] === 'boolean') settle(null, result as unknown as NativeResults[M]);
            else settle(hostError(method, 'an answer of an unexpected shape'));
          },
          (reason) => settle(hostError(method, reason)),
        );
      }),
  };
}

/** A page-given object, spoken to as if it were a host: the same checks on its answers. */
function configSend(config: NativeBridgeConfig): Send {
  return ({ id, method }, onAnswer, onRefusal) => {
    const fn = config[method] as ((this: NativeBridgeConfig) => Promise<unknown>) | undefined;
    Promise.resolve()
      .then(() => (fn ? fn.call(config) : Promise.reject({ code: UNSUPPORTED })))
      .then((result) => onAnswer({ ns: NATIVE_NAMESPACE, id, ok: true, result }), onRefusal);
    return () => {};
  };
}

/**
 * The bridge to the host app, or null where there is none (a browser, or an app that registered nothing).
 * Looks, never calls: finding a bridge sends nothing to the host.
 */
export function findNativeBridge(win: NativeHostWindow, configured?: NativeBridgeConfig): NativeBridge | null {
  if (configured) return bridge('config', configSend(configured), (method) => typeof configured[method] === 'function');
  const handler = win.webkit?.messageHandlers?.[NATIVE_BRIDGE_NAME];
  if (handler && typeof handler.postMessage === 'function') {
    // WKScriptMessageHandlerWithReply: postMessage returns a promise of the host's reply, and the reply
    // handler's error rejects it. A handler without a reply answers nothing: the call ends at its deadline.
    return bridge('webkit', (request, onAnswer, onRefusal) => {
      Promise.resolve(handler.postMessage(JSON.stringify(request))).then(onAnswer, onRefusal);
      return () => {};
    });
  }
  const android = win[NATIVE_BRIDGE_NAME];
  if (isRecord(android) && typeof android.postMessage === 'function' && typeof android.removeEventListener === 'function') {
    const host = android as unknown as AndroidListener;
    return bridge('android', (request, onAnswer) => {
      const listener = (event: { data: unknown }): void => onAnswer(event.data);
      host.addEventListener('message', listener);
      host.postMessage(JSON.stringify(request));
      return () => host.removeEventListener('message', listener);
    });
  }
  return null;
}
