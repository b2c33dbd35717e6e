import { FrameClient } from './transport/frame-client';
import { pageUrl } from './transport/bridge-frame';
import { PlatformWindow } from './transport/platform-window';
import { LOGIN_PATH, isSessionInfo, type LogoutResult, type SessionInfo } from '../shared/protocol';
import { ERROR_CODES } from '../shared/error-codes';
import { ScdkError } from '../shared/scdk-error';
import { Emitter } from './emitter';
import { startDeadline } from './deadline';
import { normalizeOptions, type NormalizedOptions, type ScdkOptions } from './options';
import { currentPageUrl, logoutByRedirect, takeRedirectResult } from './redirect-logout';
import { logoutInWindow, type WindowFlowArgs } from './window-flow';
import { badAnswer, expectLogoutResult } from './expect-answer';
import { recallStorage, rememberStorage } from './storage-memory';
import { TokenSource } from './token-source';
import type { OpenSwitcher } from '../ui/index';
import type { SwitcherResult } from '../ui/switcher-state';
import { normalizeUiOptions, type UiSettings } from '../ui/ui-options';
import type { UiModule } from '../shared/ui-module';
import { loadUi } from './load-ui';
import { whenIdle } from './when-idle';
import { onTabReturn } from './on-tab-return';
import { SharedCall } from './shared-call';

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

/** `switchAccount(options)`. */
export interface SwitchOptions {
  /** Called at each step of the switch. */
  onStep?: (step: SwitchStep) => void;
}

/** `mountSwitchButton(target, options)`: how the partner learns what the switcher the button opened ended with. */
export interface SwitchButtonOptions {
  /** The switcher the button opened was closed after a switch or a logout. */
  onResult?: (result: SwitcherResult) => void;
  /** It ended otherwise: dismissed (1010), the platform window closed (1011), or it could not open (4003, 5007...). */
  onError?: (error: ScdkError) => void;
}

/** The events `on()` and `off()` take, each with its payload. Only these names compile. */
export interface ScdkEvents {
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
  private readonly _tokens: TokenSource;
  /** Repaints of mounted switch buttons, run by setToken() (perhaps another user). A getToken refresh needs none. */
  private readonly _tokenWatchers = new Set<() => void>();
  /**
   * What this instance itself last saw of the session in a platform window (a logout, a switch), for a
   * switcher whose bridge answers `unknown`: right after a logout it must not offer Log out again.
   */
  private _seen?: SessionInfo;
  private readonly _events = new Emitter<ScdkEvents>(EVENT_NAMES);
  private readonly _windows = new Set<PlatformWindow>();
  private readonly _ui: UiSettings;
  /** Calls waiting for the UI chunk: destroy() rejects them. */
  private readonly _uiWaiters = new Set<(error: ScdkError) => void>();
  private readonly _switcherCall = new SharedCall<SwitcherResult>();
  /** The removals of mounted switch buttons, run by destroy(). */
  private readonly _unmounts = new Set<() => void>();
  private _switcher?: OpenSwitcher;
  private _frameClient?: FrameClient;
  private readonly _logoutCall = new SharedCall<LogoutResult>();
  private readonly _switchCall = new SharedCall<SwitchResult>();
  private _cancelRedirect?: (error: ScdkError) => void;
  /** The broker name from the last session answer, so the post-logout `session` event can carry it. */
  private _broker = '';
  private _destroyed = false;

  constructor(options: ScdkOptions) {
    this._options = normalizeOptions(options);
    this._ui = normalizeUiOptions(options.config ?? {});
    this._tokens = new TokenSource(options.smallcaseAuthToken, this._options.getToken);
    if (this._options.preload) {
      this._bridge().connect(this._options.timeoutMs).catch(() => {});
      this._prefetchUi();
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
    const start = () => this._logoutFlight(options?.returnTo);
    if (!options?.onSuccess && !options?.onFailure) return this._logoutCall.outer(start);
    // With callbacks, this caller gets a promise of its own: onFailure handles its rejection (none is
    // reported as unhandled), and the other callers' promise is left alone. Without onFailure, a failure
    // stays unhandled, as on any promise: then(onSuccess, undefined) is then(onSuccess).
    const mine = this._logoutCall.inner(start).then((result) => result);
    mine.then(options.onSuccess, options.onFailure);
    return mine;
  }

  /** What the platform says about the session: connected (account masked unless it is this user's), disconnected, or unknown. */
  getSession(): Promise<SessionInfo> {
    return this._session(true);
  }

  /**
   * Replaces the token, e.g. with a fresh one from your backend before the old one expires, or a
   * connected user's after a guest's. Throws 4002 for one that is not a JWT (the old one stays). Mounted
   * switch buttons stay and show the new token's account. See also `config.getToken`.
   */
  setToken(token: string): void {
    this._alive();
    this._tokens.set(token);
    this._seen = undefined;
    this._options.log('token replaced');
    this._tokenWatchers.forEach((repaint) => repaint());
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
    const onStep = typeof options === 'function' ? options : options?.onStep;
    if ((options !== undefined && typeof options !== 'function' && !isObject(options)) || (onStep !== undefined && typeof onStep !== 'function')) {
      return Promise.reject(new ScdkError(4000, 'switchAccount({ onStep }): onStep is a function, called with each step.'));
    }
    return this._switchCall.outer(() => this._switchFlight(onStep ?? (() => {})));
  }

  /**
   * Opens the account-switch modal: it shows the connected account and lets the user switch account
   * or log out. Resolves when the user closes it after a switch (`{ status: 'switched', accountId, session }`)
   * or a logout (`{ status: 'logged_out', hadSession }`); rejects 1010 when dismissed before, 1011 when the
   * user closes the platform window mid-flow. While it is open, calls return the same promise.
   */
  openAccountSwitcher(): Promise<SwitcherResult> {
    return this._switcherVia('outer');
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
    const element = typeof target === 'string' ? document.querySelector(target) : target;
    if (!(element instanceof Element)) {
      throw new ScdkError(4000, `mountSwitchButton() needs an element, or a selector that matches one; got ${JSON.stringify(String(target))}.`);
    }
    const { onResult, onError } = (isObject(options) ? options : {}) as SwitchButtonOptions;
    if ((options !== undefined && !isObject(options)) || ![onResult, onError].every((f) => f === undefined || typeof f === 'function')) {
      throw new ScdkError(4000, 'mountSwitchButton(target, { onResult, onError }): both are functions.');
    }
    let unmount: (() => void) | undefined;
    let removed = false;
    const cancelIdle = whenIdle(() =>
      this._loadUi().then(
        (ui) => {
          if (removed) return;
          let session: SessionInfo | undefined;
          const usable = () => this._tokens.usable(Date.now());
          const button = ui.mountSwitchButton(
            element,
            () =>
              this._switcherVia('inner').then(onResult, (error: ScdkError) => {
                paint(); // an expired token hides it
                onError?.(error);
              }),
            this._ui,
          );
          const paint = () => button.paint(usable(), session);
          // A check of the button's own: its failure shows no account, and is no partner's `error` event.
          const refresh = () => usable() && this._session(false).catch(() => {});
          const stopSessions = this.on('session', (next) => {
            session = next;
            paint();
          });
          const onToken = () => {
            session = undefined; // perhaps another user's token
            paint();
            refresh();
          };
          this._tokenWatchers.add(onToken);
          // The user may have logged in or out on the platform in another tab: check again on their return.
          const stopTabReturn = onTabReturn(refresh);
          paint();
          refresh();
          unmount = () => {
            stopTabReturn();
            stopSessions();
            this._tokenWatchers.delete(onToken);
            button.remove();
          };
        },
        (error: ScdkError) => removed || this._events.emit('error', error),
      ),
    );
    const remove = () => {
      removed = true;
      cancelIdle();
      this._unmounts.delete(remove);
      unmount?.();
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
    const error = new ScdkError(5005, 'destroy() was called during this call.');
    this._frameClient?.close(error);
    this._frameClient = undefined;
    this._switcher?.close(error);
    this._uiWaiters.forEach((reject) => reject(error));
    this._unmounts.forEach((unmount) => unmount());
    this._closeWindows(error);
    this._cancelRedirect?.(error);
    this._events.clear();
  }

  /** The switcher's flight: the partner's promise (`outer`), or the SDK's own handle on it for the button (`inner`). */
  private _switcherVia(side: 'inner' | 'outer'): Promise<SwitcherResult> {
    try {
      this._check();
      return this._switcherCall[side](() => this._openSwitcher());
    } catch (error) {
      // Not through _guard: the steps inside emit their own `error` events, and this must not repeat them.
      return Promise.reject(error);
    }
  }

  /** One switch, with the checks of every call: what switchAccount() callers and the switcher share. */
  private _switchFlight(onStep: (step: SwitchStep) => void): Promise<SwitchResult> {
    return this._guard(() => this._switch(onStep));
  }

  /** One logout, with its events: what brokerLogout() callers share. */
  private _logoutFlight(returnTo: string | undefined): Promise<LogoutResult> {
    return this._guard(() => this._logout(returnTo)).then(({ hadSession }) => {
      const result: LogoutResult = { success: true, hadSession };
      this._seen = { state: 'disconnected', broker: this._broker };
      this._events.emit('logout', result);
      this._events.emit('session', this._seen);
      return result;
    });
  }

  /** Loads the switcher, opens it, and settles when the user closes it. */
  private async _openSwitcher(): Promise<SwitcherResult> {
    const ui = await this._loadUi();
    this._check(); // destroyed, or the token expired, while the UI loaded
    const switcher = ui.openSwitcher(
      {
        // Where the bridge cannot see the session, what this instance saw happen in a window is better than nothing.
        getSession: () => this.getSession().then((session) => (session.state === 'unknown' && this._seen) || session),
        switchAccount: (onStep) => this._switchCall.inner(() => this._switchFlight(onStep)),
        brokerLogout: () => this._logoutCall.inner(() => this._logoutFlight(undefined)),
        onLogout: (listener) => this.on('logout', listener),
        closeWindows: (error) => this._closeWindows(error),
        canSwitch: this._options.fallback !== 'none',
        cancelled: () => new ScdkError(1010, 'The user closed the account switcher.'),
      },
      this._ui,
    );
    this._switcher = switcher;
    try {
      return await switcher.result;
    } finally {
      if (this._switcher === switcher) this._switcher = undefined;
    }
  }

  /** The UI half, within `config.timeoutMs`; destroy() rejects the wait with 5005. */
  private _loadUi(): Promise<UiModule> {
    const { uiUrl, nonce } = this._ui;
    return new Promise<UiModule>((resolve, reject) => {
      this._uiWaiters.add(reject);
      loadUi({ uiUrl, nonce, timeoutMs: this._options.timeoutMs })
        .then(resolve, reject)
        .finally(() => this._uiWaiters.delete(reject));
    });
  }

  /** `preload`: fetches the UI when the browser is next idle, so the first switcher opens warm. */
  private _prefetchUi(): void {
    const cancel = whenIdle(() => this._loadUi().catch(() => {}));
    this._unmounts.add(cancel);
  }

  private _bridge(): FrameClient {
    const { platformOrigin } = this._options;
    return (this._frameClient ??= new FrameClient({
      ...this._options,
      onStorage: (storage) => rememberStorage(platformOrigin, storage),
    }));
  }

  /** The session from the bridge; `emitErrors` false for the button's own checks. */
  private _session(emitErrors: boolean): Promise<SessionInfo> {
    return this._guard(async () => {
      const left = startDeadline(this._options.timeoutMs);
      const result = await this._bridge().request('session', await this._tokens.fresh(left()), left());
      if (!isSessionInfo(result)) throw badAnswer(2000);
      this._broker = result.broker;
      if (result.state !== 'unknown') this._seen = undefined; // the bridge sees for itself
      this._events.emit('session', result);
      return result;
    }, emitErrors);
  }

  /**
   * Runs a call after the checks every call needs (not destroyed, a token it can use), and emits `error`
   * on failure. Runs `fn` synchronously up to its first await, so a warm bridge lets a platform window
   * open inside the partner's click handler.
   */
  private async _guard<T>(fn: () => Promise<T>, emitErrors = true): Promise<T> {
    try {
      this._check();
      return await fn();
    } catch (caught) {
      const error = caught instanceof ScdkError ? caught : new ScdkError(2000, String(caught));
      this._options.log('call failed', `${error.code} ${error.message}`);
      if (emitErrors) this._events.emit('error', error);
      throw error;
    }
  }

  /** Throws 5005 once destroyed, 5002 outside a browser page. */
  private _alive(): void {
    if (this._destroyed) throw new ScdkError(5005, 'This instance was destroyed: create a new scDK.');
    if (typeof document === 'undefined') throw new ScdkError(5002, 'No document (SSR?): call this in a browser page.');
  }

  /** The checks every call needs: alive, and a token it can use (TokenSource.check). Throws `ScdkError`. */
  private _check(): void {
    this._alive();
    this._tokens.check(Date.now());
  }

  /** Closes every platform window this instance has open; their flows reject with `error`. */
  private _closeWindows(error: ScdkError): void {
    this._windows.forEach((platformWindow) => platformWindow.close(error));
    this._windows.clear();
  }

  private async _logout(returnTo: string | undefined): Promise<{ hadSession: boolean }> {
    const { timeoutMs, fallback, platformOrigin } = this._options;
    // One budget for the whole call: handshake, request, window and redirect all draw on it.
    const left = startDeadline(timeoutMs);
    const bridge = this._bridge();
    if (!bridge.storage && fallback === 'popup' && hasUserActivation() && recallStorage(platformOrigin) !== 'available') {
      // Blocked last time, or never seen: open the platform window now, while the click still counts in
      // every engine (WebKit allows it only synchronously). The handshake runs beside it to learn the
      // state for the next call (after a first-party visit, Firefox may let the iframe in), and to end the
      // call with its clearer error when the platform refuses this gateway or origin or cannot be reached.
      this._options.log('window first');
      const handshakeRefusal = () =>
        new Promise<never>((_, reject) => {
          bridge.connect(left()).catch((error: ScdkError) => {
            if (error.code === 4001 || error.code === 4005 || error.code === 5002) reject(error);
          });
        });
      try {
        return await this._inWindow(left, (_, hadSession) => ({ hadSession }), undefined, handshakeRefusal);
      } catch (error) {
        // The browser refused the window (no click after all, a blocker, an in-app browser): where the
        // iframe reaches the session, the logout below goes through it; elsewhere the 5004 stands.
        const refusedWindow = error instanceof ScdkError && error.code === 5004;
        if (!refusedWindow || (bridge.storage ?? (await bridge.connect(left()))) !== 'available') throw error;
      }
    }
    const storage = bridge.storage ?? (await bridge.connect(left()));
    if (storage === 'available') return expectLogoutResult(await bridge.request('logout', await this._tokens.fresh(left()), left()));
    this._options.log('storage blocked', `fallback ${fallback}`);
    if (fallback === 'none') {
      throw new ScdkError(5003, "The bridge cannot reach the platform's session cookie (third-party cookies blocked, or a SameSite=Lax/Strict session) and config.fallback is 'none': use 'popup' or 'redirect'.");
    }
    return fallback === 'redirect'
      ? logoutByRedirect(
          { platformOrigin, gateway: this._options.gateway, token: await this._tokens.fresh(left()), returnTo: returnTo ?? currentPageUrl() },
          left,
          (cancel) => (this._cancelRedirect = cancel),
        )
      : this._inWindow(left, (_, hadSession) => ({ hadSession }));
  }

  /**
   * Opens the platform window at once, still inside the user's click, and does both steps in it:
   * logout first-party (works in every cookie world), then the login page. No bridge round trip
   * comes before window.open, so a slow network cannot cost the click, and no session is ended
   * unless the window that lets the user pick the next account is already open.
   * `config.timeoutMs` covers the window and the logout; the user's choice has no deadline, and the
   * final session read gets a budget of its own.
   */
  private _switch(onStep: (step: SwitchStep) => void): Promise<SwitchResult> {
    const { timeoutMs, platformOrigin, gateway, fallback } = this._options;
    if (fallback === 'none') {
      return Promise.reject(new ScdkError(5004, "Switching needs a platform window, and config.fallback 'none' allows none."));
    }
    let hadSession: boolean | undefined;
    return this._inWindow(startDeadline(timeoutMs), async (platformWindow, ended) => {
      hadSession = ended;
      this._seen = { state: 'disconnected', broker: this._broker };
      this._events.emit('logout', { success: true, hadSession });
      onStep('choosing-account');
      // A switcher dismissed during the logout closes the window in this step's microtasks. Navigate only
      // after them, and only a window still open: Chromium may drop a close() that meets a navigation,
      // which left the window open (a flaky outcome-table test).
      await new Promise((resolve) => setTimeout(resolve));
      platformWindow.navigate(pageUrl(platformOrigin, LOGIN_PATH, gateway));
      // No timeout while the user chooses; closing the window rejects with 1011.
      const channel = await platformWindow.connection();
      const left = startDeadline(timeoutMs);
      const session = await channel.request('session', await this._tokens.fresh(left()), left());
      if (!isSessionInfo(session) || session.state !== 'connected') throw switchIncomplete('No account was connected in the platform window.');
      this._broker = session.broker;
      this._seen = session;
      this._events.emit('session', session);
      this._events.emit('switch', { accountId: session.accountId });
      return { accountId: session.accountId, session };
    }, onStep).catch((error: ScdkError) => {
      // Past the logout, a closed window (or anything else) does not undo it: say so, not "cancelled".
      if (hadSession === undefined || error.code === 5005 || error.code === 1012) throw error;
      throw switchIncomplete(error.code === 1011 ? 'The user closed the platform window before choosing an account.' : error.detail);
    });
  }

  /** The window flow (./window-flow.ts) with this instance's options, token and open windows. */
  private _inWindow<T>(...args: WindowFlowArgs<T>): Promise<T> {
    return logoutInWindow({ options: this._options, token: (timeoutMs) => this._tokens.fresh(timeoutMs), windows: this._windows }, ...args);
  }
}

/**
 * Whether the page is inside a user's click (or a few seconds after it, by the engine's rules). Without
 * one no window can open, so a call should not try; engines without the API are assumed to be in a click.
 */
function hasUserActivation(): boolean {
  return (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation?.isActive ?? true;
}

/** 1012: the switch's logout happened, but no other account was connected. */
const switchIncomplete = (why: string): ScdkError =>
  new ScdkError(1012, `${why} The previous account is logged out; call switchAccount() again to connect one.`);

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

function checkLogoutOptions(options: unknown): ScdkError | null {
  const { onSuccess, onFailure, returnTo } = (options ?? 0) as Record<string, unknown>;
  const isFunction = (value: unknown) => value === undefined || typeof value === 'function';
  return options === undefined ||
    (typeof options === 'object' &&
      options &&
      isFunction(onSuccess) &&
    isFunction(onFailure) &&
      (returnTo === undefined || (typeof returnTo === 'string' && /^https?:\/\//.test(returnTo))))
    ? null
    : new ScdkError(4000, 'brokerLogout({ onSuccess, onFailure, returnTo }): functions, and an allowlisted http(s) URL.');
}
