import type { LogoutResult, SessionInfo } from '../shared/protocol';
import { ERROR_CODES } from '../shared/error-codes';
import { ScdkError, badOption, destroyedError } from '../shared/scdk-error';
import { normalizeUiOptions } from '../ui/ui-options';
import { checkLogoutOptions, switchButtonArguments, switchStepCallback } from './arguments';
import { normalizeOptions, type NormalizedOptions, type ScdkOptions } from './config';
import { createFlowContext, type PageFlowContext } from './create-flow-context';
import { Emitter } from './emitter';
import { logout } from './flows/logout';
import { takeRedirectResult } from './flows/redirect-logout';
import { readSession } from './flows/session';
import { switchAccount, switchRefusal } from './flows/switch';
import { Lifetime } from './lifetime';
import { SessionState } from './session-state';
import { SharedRun } from './shared-run';
import { TokenSource } from './token-source';
import { startDeadline } from './deadline';
import type { LogoutOptions, ScdkEvents, SwitchButtonOptions, SwitcherResult, SwitchOptions, SwitchResult, SwitchStep } from './types';
import { createUiHost, type UiHost } from './ui-host/ui-host';

declare const __SCDK_VERSION__: string;

const EVENT_NAMES: readonly (keyof ScdkEvents)[] = ['session', 'logout', 'switch', 'error'];

/**
 * The partner-facing SDK: `new scDK({ gateway, smallcaseAuthToken, config })`. A façade: each method
 * checks its arguments and delegates to a flow (flows/), the switcher or the buttons (ui-host/). The
 * constructor only validates; the bridge's frame is made by the first call that needs it.
 */
export class ScDK {
  static readonly version: string = __SCDK_VERSION__;
  static readonly errors = ERROR_CODES;
  static readonly ScdkError = ScdkError;
  /** After a redirect logout, on the `returnTo` page: the result, an `ScdkError`, or null. Reads it once. */
  static readonly takeRedirectResult = takeRedirectResult;

  private readonly _options: NormalizedOptions;
  private readonly _tokens: TokenSource;
  private readonly _events = new Emitter<ScdkEvents>(EVENT_NAMES);
  private readonly _lifetime = new Lifetime();
  private readonly _state = new SessionState(this._events);
  private readonly _flows: PageFlowContext;
  private readonly _ui: UiHost;
  private readonly _logoutRun = new SharedRun<LogoutResult>();
  private readonly _switchRun = new SharedRun<SwitchResult>();

  constructor(options: ScdkOptions) {
    this._options = normalizeOptions(options);
    const settings = normalizeUiOptions(options.config ?? {});
    this._tokens = new TokenSource(options.smallcaseAuthToken, this._options.getToken);
    const lifetime = this._lifetime;
    const ui: UiHost = (this._ui = createUiHost({
      settings,
      timeoutMs: this._options.timeoutMs,
      lifetime,
      check: () => this._check(),
      reportError: (error) => this._events.emit('error', error),
      hooks: {
        // Where the bridge cannot see the session, what this instance saw happen in a window is better than nothing.
        getSession: () => this.getSession().then((session) => this._state.bestGuess(session)),
        switchAccount: (onStep) => this._switchRun.join(() => this._run(() => switchAccount(flows, onStep))),
        brokerLogout: () => this._logoutRun.join(() => this._logout(undefined)),
        on: (event, listener) => this.on(event, listener),
        closeWindows: (error) => flows.closeWindows(error),
        canSwitch: () => !switchRefusal(flows),
        ScdkError,
        usable: () => this._tokens.usable(Date.now()),
        refresh: () => void this._run(() => readSession(flows), false).catch(() => {}),
        badOption,
      },
    }));
    const flows: PageFlowContext = (this._flows = createFlowContext({ options: this._options, tokens: this._tokens, lifetime, state: this._state, loadUi: ui.load }));
    if (this._options.preload) {
      flows.frame().connection(startDeadline(this._options.timeoutMs)).catch(() => {});
      ui.prefetch();
    }
  }

  /**
   * Logs the connected user out of the broker's platform. Resolves `{ success: true, hadSession }`;
   * rejects with `ScdkError`. Concurrent calls share one request (and the first call's `returnTo`).
   * Callbacks are an alternative to the promise.
   * Where the browser keeps the platform's cookies from the bridge, `config.fallback` decides:
   * a platform window (call this from a click), a full-page redirect, or 5003.
   */
  brokerLogout(options?: LogoutOptions): Promise<LogoutResult> {
    const optionsError = checkLogoutOptions(options);
    if (optionsError) return Promise.reject(optionsError);
    const start = () => this._logout(options?.returnTo);
    if (!options?.onSuccess && !options?.onFailure) return this._logoutRun.forPartner(start);
    // With callbacks, this caller gets a promise of its own: onFailure handles its rejection (none is
    // reported as unhandled), and the other callers' promise is left alone. Without onFailure, a failure
    // stays unhandled, as on any promise: then(onSuccess, undefined) is then(onSuccess).
    const mine = this._logoutRun.join(start).then((result) => result);
    mine.then(options.onSuccess, options.onFailure);
    return mine;
  }

  /** What the platform says about the session: connected (account masked unless it is this user's), disconnected, or unknown. */
  getSession(): Promise<SessionInfo> {
    return this._run(() => readSession(this._flows));
  }

  /**
   * Replaces the token, e.g. with a fresh one from your backend before the old one expires, or a
   * connected user's after a guest's. Throws 4002 for one that is not a JWT (the old one stays). Mounted
   * switch buttons stay and show the new token's account. See also `config.getToken`.
   */
  setToken(token: string): void {
    this._alive();
    this._tokens.set(token);
    this._state.forget();
    this._options.log('token replaced');
    this._ui.tokenChanged();
  }

  /**
   * Lets the user connect another account at the same broker: ends the current platform session in a
   * platform window, then moves that window to the platform's login page, where the user picks the
   * account. Call it from a click: the window opens at once. Concurrent calls share one flow. Resolves with the new account;
   * rejects 1011 if the user closes the window, 5004 if it cannot open.
   */
  switchAccount(options?: SwitchOptions): Promise<SwitchResult>;
  /** @deprecated Pass `{ onStep }`: every call takes one options object. This form keeps working. */
  switchAccount(onStep: (step: SwitchStep) => void): Promise<SwitchResult>;
  switchAccount(options?: SwitchOptions | ((step: SwitchStep) => void)): Promise<SwitchResult> {
    const onStep = switchStepCallback(options);
    if (onStep instanceof ScdkError) return Promise.reject(onStep);
    return this._switchRun.forPartner(() => this._run(() => switchAccount(this._flows, onStep)));
  }

  /**
   * Opens the account-switch modal: it shows the connected account and lets the user switch account
   * or log out. Resolves when the user closes it after a switch (`{ status: 'switched', accountId, session }`)
   * or a logout (`{ status: 'logged_out', hadSession }`); rejects 1010 when dismissed before, 1011 when the
   * user closes the platform window mid-flow. While it is open, calls return the same promise.
   */
  openAccountSwitcher(): Promise<SwitcherResult> {
    return this._ui.open(true);
  }

  /**
   * Puts an account-switch button into `target` (an element or a selector): it shows the connected
   * account when known and opens the switcher, whose outcome goes to `options.onResult` / `onError`.
   * Returns a function that removes it; destroy() does too. The button appears once the UI has loaded
   * (the browser's next idle moment); a UI that cannot load emits an `error` event (5007). It is hidden
   * while the token cannot be used (a guest's, or expired with no `config.getToken`), and shown again
   * when `setToken()` gives one that can. Its own session checks emit no `error` events.
   */
  mountSwitchButton(target: Element | string, options?: SwitchButtonOptions): () => void {
    this._alive();
    const { element, callbacks } = switchButtonArguments(target, options);
    return this._ui.mount(element, callbacks);
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
    this._lifetime.end();
    this._events.clear();
  }

  /** One logout, with its events: what brokerLogout() callers share. */
  private _logout(returnTo: string | undefined): Promise<LogoutResult> {
    return this._run(() => logout(this._flows, returnTo)).then(({ hadSession }) => this._state.loggedOut(hadSession, { thenSession: true }));
  }

  /**
   * Runs a flow after the checks every call needs (not destroyed, a token it can use), and emits `error`
   * on failure (`emitErrors` false for the button's own checks). Runs `flow` synchronously up to its first
   * await, so a warm bridge lets a platform window open inside the partner's click handler.
   */
  private async _run<T>(flow: () => Promise<T>, emitErrors = true): Promise<T> {
    try {
      this._check();
      return await flow();
    } catch (caught) {
      const error = caught instanceof ScdkError ? caught : new ScdkError(2000, String(caught));
      this._options.log('call failed', `${error.code} ${error.message}`);
      if (emitErrors) this._events.emit('error', error);
      throw error;
    }
  }

  /** Throws 5005 once destroyed, 5002 outside a browser page. */
  private _alive(): void {
    if (this._lifetime.ended) throw destroyedError();
    if (typeof document === 'undefined') throw new ScdkError(5002, 'No document (SSR?): call this in a browser page.');
  }

  /** The checks every call needs: alive, and a token it can use (TokenSource.check). Throws `ScdkError`. */
  private _check(): void {
    this._alive();
    this._tokens.check(Date.now());
  }
}
