import { BridgeClient } from '../bridge/bridge-client';
import { PlatformWindow } from '../bridge/platform-window';
import {
  LOGIN_PATH,
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
import { openSwitcher, type OpenSwitcher, type SwitcherUi } from '../ui/account-switcher';
import { mountSwitchButton } from '../ui/switch-button';
import type { SwitcherResult } from '../ui/switcher-state';
import { normalizeUiOptions } from '../ui/ui-options';

declare const __SCDK_VERSION__: string;

export interface LogoutCallbacks {
  onSuccess?: (result: LogoutResult) => void;
  onFailure?: (error: ScdkError) => void;
}

export interface LogoutOptions extends LogoutCallbacks {
  /** `fallback: 'redirect'` only: where the platform sends the user back (default: this page). Must be on the gateway's allowlist. */
  returnTo?: string;
}

/** What `switchAccount()` resolves with: the account the user connected in the platform window. */
export interface SwitchResult {
  accountId: string;
  session: SessionInfo & { state: 'connected' };
}

/** Progress of a switch, for UIs that show each step. */
export type SwitchStep = 'logging-out' | 'choosing-account';

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

  private readonly _options: NormalizedOptions;
  private readonly _token: string;
  private readonly _claims: TokenClaims;
  private readonly _log: DebugLog;
  private readonly _events = new Emitter<ScdkEvents>(EVENT_NAMES);
  private readonly _windows = new Set<PlatformWindow>();
  private readonly _ui: SwitcherUi;
  /** The removals of mounted switch buttons, run by destroy(). */
  private readonly _unmounts = new Set<() => void>();
  private _switcher: OpenSwitcher | null = null;
  private _bridgeClient: BridgeClient | null = null;
  private _logoutInFlight: Promise<LogoutResult> | null = null;
  private _switchInFlight: Promise<SwitchResult> | null = null;
  private _cancelRedirect: (() => void) | null = null;
  /** The broker name from the last session answer, so the post-logout `session` event can carry it. */
  private _broker = '';
  private _destroyed = false;

  constructor(options: ScdkOptions) {
    this._options = normalizeOptions(options);
    this._ui = normalizeUiOptions(options.config ?? {});
    this._claims = decodeToken(options.smallcaseAuthToken);
    this._token = options.smallcaseAuthToken;
    this._log = createDebugLog(this._options.debug, this._options.gateway);
    if (this._options.preload) this._bridge().connect(this._options.timeoutMs).catch(() => {});
  }

  /**
   * Logs the connected user out of the broker's platform. Resolves `{ success: true, hadSession }`;
   * rejects with `ScdkError`. Concurrent calls share one request (and the first call's `returnTo`).
   * Callbacks are an alternative to the promise.
   * Where the browser keeps the platform's cookies from the bridge, `config.fallback` decides:
   * a platform window (call this from a click), a full-page redirect, or 5003.
   */
  brokerLogout(options?: LogoutOptions): Promise<LogoutResult> {
    const optionsError = options === undefined ? null : checkLogoutOptions(options);
    if (optionsError) return Promise.reject(optionsError);
    if (!this._logoutInFlight) {
      // Cleared inside the chain: a handler attached to the promise handed out would mark its rejection
      // handled, and a partner who forgot .catch would never see the error.
      this._logoutInFlight = this._guard(() => this._logout(options?.returnTo))
        .then(({ hadSession }) => {
          const result: LogoutResult = { success: true, hadSession };
          this._events.emit('logout', result);
          this._events.emit('session', { state: 'disconnected', broker: this._broker });
          return result;
        })
        .finally(() => {
          this._logoutInFlight = null;
        });
    }
    const promise = this._logoutInFlight;
    if (options && (options.onSuccess || options.onFailure)) {
      const { onSuccess, onFailure } = options;
      // With onFailure given, the failure is handled there: the returned promise then raises no unhandled rejection.
      if (onFailure) promise.then(onSuccess, onFailure);
      else promise.then(onSuccess);
    }
    return promise;
  }

  /** What the platform says about the session: connected (account masked unless it is this user's), disconnected, or unknown. */
  getSession(): Promise<SessionInfo> {
    return this._guard(async () => {
      const result = await this._bridge().request('session', this._token, this._options.timeoutMs);
      if (!isSessionInfo(result)) throw new ScdkError(2000, "The platform's session answer had an unexpected shape.");
      this._broker = result.broker;
      this._events.emit('session', result);
      return result;
    });
  }

  /**
   * Lets the user connect another account at the same broker: ends the current platform session in a
   * platform window, then moves that window to the platform's login page, where the user picks the
   * account. Call it from a click: the window opens at once. Concurrent calls share one flow. Resolves with the new account;
   * rejects 1011 if the user closes the window, 5004 if it cannot open.
   */
  switchAccount(onStep?: (step: SwitchStep) => void): Promise<SwitchResult> {
    if (!this._switchInFlight) {
      this._switchInFlight = this._guard(() => this._switch(onStep ?? (() => {}))).finally(() => {
        this._switchInFlight = null;
      });
    }
    return this._switchInFlight;
  }

  /**
   * Opens the account-switch modal: it shows the connected account and lets the user switch account
   * or log out. Resolves when the user closes it after a switch (`{ status: 'switched', accountId, session }`)
   * or a logout (`{ status: 'logged_out', hadSession }`); rejects 1010 when dismissed before, 1011 when the
   * user closes the platform window mid-flow. While it is open, calls return the same promise.
   */
  openAccountSwitcher(): Promise<SwitcherResult> {
    return this._guard(() => {
      if (!this._switcher) {
        const switcher = openSwitcher(
          {
            getSession: () => this.getSession(),
            switchAccount: (onStep) => this.switchAccount(onStep),
            brokerLogout: () => this.brokerLogout(),
            closeWindows: (error) => this._closeWindows(error),
          },
          this._ui,
        );
        const forget = () => {
          if (this._switcher === switcher) this._switcher = null;
        };
        switcher.result.then(forget, forget);
        this._switcher = switcher;
      }
      return this._switcher.result;
    });
  }

  /**
   * Puts an account-switch button into `target` (an element or a selector): it shows the connected
   * account when known and opens the switcher. Returns a function that removes it; destroy() does too.
   */
  mountSwitchButton(target: Element | string): () => void {
    this._check();
    const element = typeof target === 'string' ? document.querySelector(target) : target;
    if (!(element instanceof Element)) {
      throw new ScdkError(4000, `mountSwitchButton() needs an element, or a selector that matches one; got ${JSON.stringify(String(target))}.`);
    }
    const ignore = () => {};
    const unmount = mountSwitchButton(
      element,
      {
        onSession: (listener) => this.on('session', listener),
        refresh: () => this.getSession().catch(ignore),
        open: () => this.openAccountSwitcher().catch(ignore),
      },
      this._ui,
    );
    const remove = () => {
      this._unmounts.delete(remove);
      unmount();
    };
    this._unmounts.add(remove);
    return remove;
  }

  /** Subscribes to `session`, `logout`, `switch` or `error`; returns a function that unsubscribes. */
  on<K extends keyof ScdkEvents>(event: K, listener: (payload: ScdkEvents[K]) => void): () => void {
    return this._events.on(event, listener);
  }

  off<K extends keyof ScdkEvents>(event: K, listener: (payload: ScdkEvents[K]) => void): void {
    this._events.off(event, listener);
  }

  /** Removes every iframe, window, listener and timer this instance made; calls in flight reject with 5005. Idempotent. */
  destroy(): void {
    if (this._destroyed) return;
    this._destroyed = true;
    const error = new ScdkError(5005, 'destroy() was called while this call was in flight.');
    this._bridgeClient?.close(error);
    this._bridgeClient = null;
    this._switcher?.close(error);
    this._unmounts.forEach((unmount) => unmount());
    this._closeWindows(error);
    this._cancelRedirect?.();
    this._events.clear();
  }

  private _bridge(): BridgeClient {
    if (!this._bridgeClient) {
      const { platformOrigin, gateway } = this._options;
      this._bridgeClient = new BridgeClient({ platformOrigin, gateway, log: this._log });
    }
    return this._bridgeClient;
  }

  /**
   * Runs a call after the checks every call needs (not destroyed, connected and unexpired token), and
   * emits `error` on failure. Runs `fn` synchronously up to its first await, so a warm bridge lets a
   * platform window open inside the partner's click handler.
   */
  private async _guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      this._check();
      return await fn();
    } catch (caught) {
      const error = caught instanceof ScdkError ? caught : new ScdkError(2000, String(caught));
      this._log('call failed', `${error.code} ${error.message}`);
      this._events.emit('error', error);
      throw error;
    }
  }

  /** The checks every call needs: not destroyed, in a browser page, a connected and unexpired token. Throws `ScdkError`. */
  private _check(): void {
    if (this._destroyed) throw new ScdkError(5005, 'This scDK instance was destroyed. Create a new one.');
    if (typeof document === 'undefined') throw new ScdkError(5002, 'scDK calls need a browser page (no document here, e.g. server-side rendering).');
    assertConnected(this._claims, Date.now());
  }

  /** Closes every platform window this instance has open; their flows reject with `error`. */
  private _closeWindows(error: ScdkError): void {
    this._windows.forEach((platformWindow) => platformWindow.close(error));
    this._windows.clear();
  }

  private async _logout(returnTo: string | undefined): Promise<{ hadSession: boolean }> {
    const { timeoutMs, fallback } = this._options;
    const bridge = this._bridge();
    const storage = bridge.storage ?? (await bridge.connect(timeoutMs));
    if (storage === 'available') return expectLogoutResult(await bridge.request('logout', this._token, timeoutMs));
    this._log('storage blocked', `fallback ${fallback}`);
    if (fallback === 'none') {
      throw new ScdkError(
        5003,
        "This browser keeps the platform's cookies from embedded pages, so the session cannot be reached from here, " +
          "and config.fallback is 'none'. Use 'popup' (call from a click) or 'redirect'.",
      );
    }
    return fallback === 'redirect' ? this._logoutByRedirect(returnTo ?? currentPageUrl()) : this._logoutInWindow();
  }

  /**
   * Opens the platform window at once, still inside the user's click, and does both steps in it:
   * logout first-party (works in every cookie world), then the login page. No bridge round trip
   * comes before window.open, so a slow network cannot cost the click, and no session is ended
   * unless the window that lets the user pick the next account is already open.
   */
  private async _switch(onStep: (step: SwitchStep) => void): Promise<SwitchResult> {
    const { timeoutMs, platformOrigin, gateway } = this._options;
    const platformWindow = this._openWindow(this._windowUrl());
    try {
      onStep('logging-out');
      const logoutChannel = await platformWindow.connection(timeoutMs);
      const { hadSession } = expectLogoutResult(await logoutChannel.request('logout', this._token, timeoutMs));
      this._events.emit('logout', { success: true, hadSession });
      platformWindow.navigate(`${platformOrigin}${LOGIN_PATH}?gateway=${encodeURIComponent(gateway)}`);
      onStep('choosing-account');
      // No timeout while the user chooses; closing the window rejects with 1011.
      const channel = await platformWindow.connection();
      const session = await channel.request('session', this._token, timeoutMs);
      if (!isSessionInfo(session) || session.state !== 'connected') {
        throw new ScdkError(2000, 'The platform window finished without a connected account. Try again.');
      }
      this._broker = session.broker;
      this._events.emit('session', session);
      this._events.emit('switch', { accountId: session.accountId });
      return { accountId: session.accountId, session };
    } finally {
      this._windows.delete(platformWindow);
      platformWindow.close(new ScdkError(5005, 'The platform window finished.'));
    }
  }

  private _windowUrl(): string {
    const { platformOrigin, gateway } = this._options;
    return `${platformOrigin}${WINDOW_PATH}?gateway=${encodeURIComponent(gateway)}&v=${PROTOCOL_VERSION}`;
  }

  private _openWindow(url: string): PlatformWindow {
    const { platformOrigin, gateway } = this._options;
    const platformWindow = new PlatformWindow(url, { platformOrigin, gateway, log: this._log });
    this._windows.add(platformWindow);
    return platformWindow;
  }

  /** The platform window fallback: opened now (inside the click), logs out first-party, closed when it answers. */
  private async _logoutInWindow(): Promise<{ hadSession: boolean }> {
    const { timeoutMs } = this._options;
    const platformWindow = this._openWindow(this._windowUrl());
    try {
      const channel = await platformWindow.connection(timeoutMs);
      return expectLogoutResult(await channel.request('logout', this._token, timeoutMs));
    } finally {
      this._windows.delete(platformWindow);
      platformWindow.close(new ScdkError(5005, 'The platform window finished.'));
    }
  }

  /** The redirect fallback: the page navigates away; this promise only settles if that navigation never happens. */
  private _logoutByRedirect(returnTo: string): Promise<never> {
    const { platformOrigin, gateway, timeoutMs } = this._options;
    const removeForm = submitRedirectLogout({ platformOrigin, gateway, token: this._token, returnTo });
    return new Promise<never>((_, reject) => {
      // The page is leaving for the platform: a slow answer must not be reported as a failure.
      const onLeave = () => clearTimeout(timer);
      const timer = setTimeout(() => {
        this._cancelRedirect = null;
        removeEventListener('pagehide', onLeave);
        removeForm();
        reject(new ScdkError(5002, 'The page did not navigate to the platform for the redirect logout (is form-action blocked by CSP?).'));
      }, timeoutMs);
      addEventListener('pagehide', onLeave);
      this._cancelRedirect = () => {
        clearTimeout(timer);
        removeEventListener('pagehide', onLeave);
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
