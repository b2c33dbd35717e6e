import { BridgeClient } from '../bridge/bridge-client';
import { isLogoutResult, isSessionInfo, type BridgeMethod, type LogoutResult, type SessionInfo } from '../bridge/protocol';
import { ERROR_CODES } from '../shared/error-codes';
import { createDebugLog, type DebugLog } from '../shared/debug-log';
import { ScdkError } from '../shared/scdk-error';
import { Emitter } from './emitter';
import { normalizeOptions, type NormalizedOptions, type ScdkOptions } from './options';
import { assertConnected, decodeToken, type TokenClaims } from './token';

declare const __SCDK_VERSION__: string;

export interface LogoutCallbacks {
  onSuccess?: (result: LogoutResult) => void;
  onFailure?: (error: ScdkError) => void;
}

export interface ScdkEvents extends Record<string, unknown> {
  session: SessionInfo;
  logout: LogoutResult;
  switch: { accountId: string };
  error: ScdkError;
}

const EVENT_NAMES: readonly (keyof ScdkEvents)[] = ['session', 'logout', 'switch', 'error'];

/**
 * The partner-facing SDK: `new scDK({ gateway, smallcaseAuthToken, config })`.
 * The constructor only validates; the bridge iframe is created by the first call that needs it.
 */
export class ScDK {
  static readonly version: string = __SCDK_VERSION__;
  static readonly errors = ERROR_CODES;
  static readonly ScdkError = ScdkError;

  private readonly options: NormalizedOptions;
  private readonly token: string;
  private readonly claims: TokenClaims;
  private readonly log: DebugLog;
  private readonly events = new Emitter<ScdkEvents>(EVENT_NAMES);
  private bridgeClient: BridgeClient | null = null;
  private logoutInFlight: Promise<LogoutResult> | null = null;
  private destroyed = false;

  constructor(options: ScdkOptions) {
    this.options = normalizeOptions(options);
    this.claims = decodeToken(options.smallcaseAuthToken);
    this.token = options.smallcaseAuthToken;
    this.log = createDebugLog(this.options.debug, this.options.gateway);
    if (this.options.preload) this.bridge().connect(this.options.timeoutMs).catch(() => {});
  }

  /**
   * Logs the connected user out of the broker's platform. Resolves `{ success: true, hadSession }`;
   * rejects with `ScdkError`. Concurrent calls share one request. Callbacks are an alternative to the promise.
   */
  brokerLogout(callbacks?: LogoutCallbacks): Promise<LogoutResult> {
    const callbackError = callbacks === undefined ? null : checkCallbacks(callbacks);
    if (callbackError) return Promise.reject(callbackError);
    if (!this.logoutInFlight) {
      this.logoutInFlight = this.call('logout', isLogoutResult).then(({ hadSession }) => {
        const result: LogoutResult = { success: true, hadSession };
        this.events.emit('logout', result);
        return result;
      });
      const clear = () => {
        this.logoutInFlight = null;
      };
      this.logoutInFlight.then(clear, clear);
    }
    const promise = this.logoutInFlight;
    if (callbacks) {
      const { onSuccess, onFailure } = callbacks;
      // With onFailure given, the failure is handled there: the returned promise then raises no unhandled rejection.
      promise.then(
        (result) => onSuccess?.(result),
        (error: ScdkError) => onFailure?.(error),
      );
    }
    return promise;
  }

  /** What the platform says about the session: connected (account masked unless it is this user's), disconnected, or unknown. */
  getSession(): Promise<SessionInfo> {
    return this.call('session', isSessionInfo).then((session) => {
      this.events.emit('session', session);
      return session;
    });
  }

  /** Subscribes to `session`, `logout`, `switch` or `error`; returns a function that unsubscribes. */
  on<K extends keyof ScdkEvents>(event: K, listener: (payload: ScdkEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  off<K extends keyof ScdkEvents>(event: K, listener: (payload: ScdkEvents[K]) => void): void {
    this.events.off(event, listener);
  }

  /** Removes every iframe, listener and timer this instance made; calls in flight reject with 5005. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.bridgeClient?.close(new ScdkError(5005, 'destroy() was called while this call was in flight.'));
    this.bridgeClient = null;
    this.events.clear();
  }

  private bridge(): BridgeClient {
    if (!this.bridgeClient) {
      const { platformOrigin, gateway } = this.options;
      this.bridgeClient = new BridgeClient({ platformOrigin, gateway, log: this.log });
    }
    return this.bridgeClient;
  }

  /** One bridge round trip with the checks every call needs first. Emits `error` on failure. */
  private async call<T>(method: BridgeMethod, isResult: (value: unknown) => value is T): Promise<T> {
    try {
      if (this.destroyed) throw new ScdkError(5005, 'This scDK instance was destroyed. Create a new one.');
      assertConnected(this.claims, Date.now());
      const result = await this.bridge().request(method, this.token, this.options.timeoutMs);
      if (!isResult(result)) throw new ScdkError(2000, `The platform's answer to "${method}" had an unexpected shape.`);
      return result;
    } catch (caught) {
      const error = caught instanceof ScdkError ? caught : new ScdkError(2000, String(caught));
      this.log('call failed', `${method}: ${error.code} ${error.message}`);
      this.events.emit('error', error);
      throw error;
    }
  }
}

function checkCallbacks(callbacks: unknown): ScdkError | null {
  if (typeof callbacks !== 'object' || callbacks === null) {
    return new ScdkError(4000, 'brokerLogout() takes no argument or { onSuccess, onFailure }.');
  }
  const { onSuccess, onFailure } = callbacks as Record<string, unknown>;
  if ((onSuccess !== undefined && typeof onSuccess !== 'function') || (onFailure !== undefined && typeof onFailure !== 'function')) {
    return new ScdkError(4000, 'brokerLogout({ onSuccess, onFailure }): both must be functions when given.');
  }
  return null;
}
