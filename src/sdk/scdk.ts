import { BridgeClient } from '../bridge/bridge-client';
import { PlatformWindow } from '../bridge/platform-window';
import {
  WINDOW_PATH,
  PROTOCOL_VERSION,
  isLogoutResult,
  isSessionInfo,
  type LogoutResult,
  type SessionInfo,
} from '../bridge/protocol';
import { ERROR_CODES } from '../shared/error-codes';
import { createDebugLog, type DebugLog } from '../shared/debug-log';
import { ScdkError } from '../shared/scdk-error';
import { Emitter } from './emitter';
import { normalizeOptions, type NormalizedOptions, type ScdkOptions } from './options';
import { currentPageUrl, submitRedirectLogout, takeRedirectResult } from './redirect-logout';
import { assertConnected, decodeToken, type TokenClaims } from './token';

declare const __SCDK_VERSION__: string;

export interface LogoutCallbacks {
  onSuccess?: (result: LogoutResult) => void;
  onFailure?: (error: ScdkError) => void;
}

export interface LogoutOptions extends LogoutCallbacks {
  /** `fallback: 'redirect'` only: where the platform sends the user back (default: this page). Must be on the gateway's allowlist. */
  returnTo?: string;
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
  /** After a redirect logout, on the `returnTo` page: the result, an `ScdkError`, or null. Reads it once. */
  static readonly takeRedirectResult = takeRedirectResult;

  private readonly options: NormalizedOptions;
  private readonly token: string;
  private readonly claims: TokenClaims;
  private readonly log: DebugLog;
  private readonly events = new Emitter<ScdkEvents>(EVENT_NAMES);
  private readonly windows = new Set<PlatformWindow>();
  private bridgeClient: BridgeClient | null = null;
  private logoutInFlight: Promise<LogoutResult> | null = null;
  private cancelRedirect: (() => void) | null = null;
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
   * Where the browser keeps the platform's cookies from the bridge, `config.fallback` decides:
   * a platform window (call this from a click), a full-page redirect, or 5003.
   */
  brokerLogout(options?: LogoutOptions): Promise<LogoutResult> {
    const optionsError = options === undefined ? null : checkLogoutOptions(options);
    if (optionsError) return Promise.reject(optionsError);
    if (!this.logoutInFlight) {
      this.logoutInFlight = this.guard(() => this.logout(options?.returnTo)).then(({ hadSession }) => {
        const result: LogoutResult = { success: true, hadSession };
        this.events.emit('logout', result);
        this.events.emit('session', { state: 'disconnected', broker: '' });
        return result;
      });
      const clear = () => {
        this.logoutInFlight = null;
      };
      this.logoutInFlight.then(clear, clear);
    }
    const promise = this.logoutInFlight;
    if (options && (options.onSuccess || options.onFailure)) {
      const { onSuccess, onFailure } = options;
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
    return this.guard(async () => {
      const result = await this.bridge().request('session', this.token, this.options.timeoutMs);
      if (!isSessionInfo(result)) throw new ScdkError(2000, "The platform's session answer had an unexpected shape.");
      this.events.emit('session', result);
      return result;
    });
  }

  /** Subscribes to `session`, `logout`, `switch` or `error`; returns a function that unsubscribes. */
  on<K extends keyof ScdkEvents>(event: K, listener: (payload: ScdkEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  off<K extends keyof ScdkEvents>(event: K, listener: (payload: ScdkEvents[K]) => void): void {
    this.events.off(event, listener);
  }

  /** Removes every iframe, window, listener and timer this instance made; calls in flight reject with 5005. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const error = new ScdkError(5005, 'destroy() was called while this call was in flight.');
    this.bridgeClient?.close(error);
    this.bridgeClient = null;
    this.windows.forEach((platformWindow) => platformWindow.close(error));
    this.windows.clear();
    this.cancelRedirect?.();
    this.events.clear();
  }

  private bridge(): BridgeClient {
    if (!this.bridgeClient) {
      const { platformOrigin, gateway } = this.options;
      this.bridgeClient = new BridgeClient({ platformOrigin, gateway, log: this.log });
    }
    return this.bridgeClient;
  }

  /**
   * Runs a call after the checks every call needs (not destroyed, connected and unexpired token), and
   * emits `error` on failure. Runs `fn` synchronously up to its first await, so a warm bridge lets a
   * platform window open inside the partner's click handler.
   */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      if (this.destroyed) throw new ScdkError(5005, 'This scDK instance was destroyed. Create a new one.');
      assertConnected(this.claims, Date.now());
      return await fn();
    } catch (caught) {
      const error = caught instanceof ScdkError ? caught : new ScdkError(2000, String(caught));
      this.log('call failed', `${error.code} ${error.message}`);
      this.events.emit('error', error);
      throw error;
    }
  }

  private async logout(returnTo: string | undefined): Promise<{ hadSession: boolean }> {
    const { timeoutMs, fallback } = this.options;
    const bridge = this.bridge();
    const storage = bridge.storage ?? (await bridge.connect(timeoutMs));
    if (storage === 'available') return expectLogoutResult(await bridge.request('logout', this.token, timeoutMs));
    this.log('storage blocked', `fallback ${fallback}`);
    if (fallback === 'none') {
      throw new ScdkError(
        5003,
        "This browser keeps the platform's cookies from embedded pages, so the session cannot be reached from here, " +
          "and config.fallback is 'none'. Use 'popup' (call from a click) or 'redirect'.",
      );
    }
    return fallback === 'redirect' ? this.logoutByRedirect(returnTo ?? currentPageUrl()) : this.logoutInWindow();
  }

  /** The platform window fallback: opened now (inside the click), logs out first-party, closed when it answers. */
  private async logoutInWindow(): Promise<{ hadSession: boolean }> {
    const { platformOrigin, gateway, timeoutMs } = this.options;
    const url = `${platformOrigin}${WINDOW_PATH}?gateway=${encodeURIComponent(gateway)}&v=${PROTOCOL_VERSION}`;
    const platformWindow = new PlatformWindow(url, { platformOrigin, gateway, log: this.log });
    this.windows.add(platformWindow);
    try {
      const channel = await platformWindow.connection(timeoutMs);
      return expectLogoutResult(await channel.request('logout', this.token, timeoutMs));
    } finally {
      this.windows.delete(platformWindow);
      platformWindow.close(new ScdkError(5005, 'The platform window finished.'));
    }
  }

  /** The redirect fallback: the page navigates away; this promise only settles if that navigation never happens. */
  private logoutByRedirect(returnTo: string): Promise<never> {
    const { platformOrigin, gateway, timeoutMs } = this.options;
    const removeForm = submitRedirectLogout({ platformOrigin, gateway, token: this.token, returnTo });
    return new Promise<never>((_, reject) => {
      const timer = setTimeout(() => {
        this.cancelRedirect = null;
        removeForm();
        reject(new ScdkError(5002, 'The page did not navigate to the platform for the redirect logout (is form-action blocked by CSP?).'));
      }, timeoutMs);
      this.cancelRedirect = () => {
        clearTimeout(timer);
        removeForm();
        reject(new ScdkError(5005, 'destroy() was called during the redirect logout.'));
      };
    });
  }
}

function expectLogoutResult(result: unknown): { hadSession: boolean } {
  if (!isLogoutResult(result)) throw new ScdkError(3023, "The platform's logout answer had an unexpected shape.");
  return result;
}

function checkLogoutOptions(options: unknown): ScdkError | null {
  if (typeof options !== 'object' || options === null) {
    return new ScdkError(4000, 'brokerLogout() takes no argument or { onSuccess, onFailure, returnTo }.');
  }
  const { onSuccess, onFailure, returnTo } = options as Record<string, unknown>;
  if ((onSuccess !== undefined && typeof onSuccess !== 'function') || (onFailure !== undefined && typeof onFailure !== 'function')) {
    return new ScdkError(4000, 'brokerLogout({ onSuccess, onFailure }): both must be functions when given.');
  }
  if (returnTo !== undefined && (typeof returnTo !== 'string' || !/^https?:\/\//.test(returnTo))) {
    return new ScdkError(4000, 'brokerLogout({ returnTo }) must be an absolute http(s) URL on the gateway\'s allowlist.');
  }
  return null;
}
