import { h, render } from 'preact';
import type { LogoutResult, SessionInfo } from '../shared/protocol';
import type { ScdkError } from '../shared/scdk-error';
import type { ScDK } from '../sdk/client';
import type { SwitcherResult, SwitchResult, SwitchStep } from '../sdk/types';
import { deepActiveElement, makeBackgroundInert, wrapTab } from './dialog-focus';
import type { BadOption } from './resolve-ui';
import { returnFocusWhenReady } from './return-focus';
import { createShadowHost } from './shadow-host';
import { SWITCHER_CSS } from './styles';
import type { SwitcherState } from './switcher-state';
import { SwitcherView } from './switcher-view';
import type { SwitcherTexts } from './texts';

export const SWITCHER_TAG = 'scdk-account-switcher';

/**
 * What the UI needs from its `scDK` instance, one object for the modal and the buttons (made by
 * src/sdk/ui-host/ui-host.ts).
 */
export interface UiHooks {
  getSession(): Promise<SessionInfo>;
  switchAccount(onStep: (step: SwitchStep) => void): Promise<SwitchResult>;
  brokerLogout(): Promise<LogoutResult>;
  /** The instance's `on()`: the modal watches `logout`, a button `session`. */
  on: ScDK['on'];
  /** Closes any platform window the instance has open; its flow rejects with `error`. */
  closeWindows(error: ScdkError): void;
  /** False where no platform window may open (`fallback: 'none'`, an app's web view without a native switch): the modal offers no switch. Asked at each render: a host app's bridge may be found later. */
  canSwitch(): boolean;
  /** The SDK's error class (the chunk has none of its own: an SDK error must be the SDK's), for the 1010 a dismiss rejects with. */
  ScdkError: typeof ScdkError;
  /** Whether calls can run now: the token is usable. */
  usable(): boolean;
  /** A session check of a button's own: its failure shows no account and is no partner's `error` event. */
  refresh(): void;
  /** Subscribes to setToken() (perhaps another user); returns the unsubscribe. A getToken refresh calls none. */
  onToken(listener: () => void): () => void;
  /** The switcher, as the SDK's own caller (a button's click). */
  openSwitcher(): Promise<SwitcherResult>;
  /** The SDK's 4000 for a malformed `config.locale` or `config.texts`, which the chunk checks. */
  badOption: BadOption;
}

export interface SwitcherUi {
  texts: SwitcherTexts;
  /** The language of the texts, for screen readers' voices. */
  lang: string;
  nonce: string | undefined;
}

export interface OpenSwitcher {
  result: Promise<SwitcherResult>;
  /** Closes the modal at once; `result` rejects with `error` (destroy(), say). */
  close(error: ScdkError): void;
}

/**
 * Opens the account switcher: checks the session, then lets the user switch account or log out, each
 * step on its own screen. Resolves when the user closes the finished modal; rejects 1010 when they
 * dismiss it earlier, 1011 when they close the platform window mid-flow. Once the session has ended,
 * any way of closing (Cancel, ×, Escape, the backdrop, the platform window) resolves `logged_out`:
 * that is what happened. A dismiss while an iframe logout is in flight waits for it to know which.
 */
export function openSwitcher(api: UiHooks, { texts, lang, nonce }: SwitcherUi): OpenSwitcher {
  const { host, mount } = createShadowHost(SWITCHER_TAG, SWITCHER_CSS, nonce);
  const root = host.shadowRoot as ShadowRoot;
  const returnFocus = deepActiveElement();
  let state: SwitcherState = { phase: 'checking' };
  let closed = false;
  let retry = check;
  /** Settles when the logout step in flight (Log out, or a switch's first step) ends: a dismiss waits for it. */
  let pending: Promise<unknown> | undefined;
  let loggedOut: LogoutResult | undefined;
  const stopWatching = api.on('logout', (logout) => (loggedOut = logout));
  let settle: (error: ScdkError | null, value?: SwitcherResult) => void = () => {};
  const result = new Promise<SwitcherResult>((resolve, reject) => {
    settle = (error, value) => (error ? reject(error) : resolve(value as SwitcherResult));
  });

  /** Where the last screen put focus: still there, it moves with the next screen. */
  let placed: HTMLElement | null = null;

  function show(next: SwitcherState): void {
    state = next;
    render(h(SwitcherView, { state, texts, lang, canSwitch: api.canSwitch(), onSwitch, onLogout, onRetry: () => retry(), onDismiss }), mount);
    // A new screen puts focus on its main action (Cancel while it checks, logs out or waits), unless the
    // user has moved it to something still there: an answer arriving must not retarget their Enter.
    const active = root.activeElement;
    if (!active || active === placed || active.getAttribute('role') === 'dialog') {
      placed = root.querySelector<HTMLElement>('[data-primary]') ?? root.querySelector<HTMLElement>('.k button');
      placed?.focus();
    }
  }

  function follow<T>(promise: Promise<T>, next: (value: T) => SwitcherState): void {
    promise.then(
      (value) => closed || show(next(value)),
      // The platform window closed by the user ends the modal too (1012: after the switch's logout).
      (error: ScdkError) => closed || (error.code === 1011 || error.code === 1012 ? finish(error) : show({ phase: 'error', error })),
    );
  }

  function check(): void {
    show({ phase: 'checking' });
    follow(api.getSession(), (session) => ({ phase: 'ready', session }));
  }

  // Runs inside the user's click: the platform window must open before anything awaits.
  function onSwitch(): void {
    retry = onSwitch;
    // Shown before the call too: a switch the page already started is shared, and its steps go to its own caller.
    show({ phase: 'logging-out' });
    let logoutStepEnded = (): void => {};
    const flow = api.switchAccount((step) => {
      // Past the logout step: a dismiss from here on has nothing left to wait for.
      if (step === 'choosing-account') logoutStepEnded();
      if (!closed) show({ phase: step === 'logging-out' ? 'logging-out' : 'waiting' });
    });
    pending = new Promise<void>((resolve) => {
      logoutStepEnded = resolve;
      flow.then(() => resolve(), () => resolve());
    });
    follow(flow, ({ accountId, session }) => ({ phase: 'done', result: { status: 'switched', accountId, session } }));
  }

  function onLogout(): void {
    retry = onLogout;
    show({ phase: 'logging-out' });
    const logout = api.brokerLogout();
    pending = logout;
    follow(logout, ({ hadSession }) => ({ phase: 'done', result: { status: 'logged_out', hadSession } }));
  }

  function onDismiss(): void {
    if (state.phase === 'done') finish(null, state.result);
    else finish(new api.ScdkError(1010, 'The user closed the account switcher.'));
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDismiss();
    } else if (event.key === 'Tab') {
      wrapTab(event, root);
    }
  }

  function finish(error: ScdkError | null, value?: SwitcherResult): void {
    if (closed) return;
    closed = true;
    mount.removeEventListener('keydown', onKeyDown);
    render(null, mount);
    host.remove();
    restoreBackground();
    returnFocus?.focus();
    const done = () => {
      // Any platform window still open (the user was choosing an account) closes now.
      if (error) api.closeWindows(error);
      stopWatching();
      const userClosed = error && error.code >= 1010 && error.code <= 1012;
      if (userClosed && loggedOut) settle(null, { status: 'logged_out', hadSession: loggedOut.hadSession });
      else settle(error, value);
      // A partner's button disabled while its call ran is focusable again only once the promise has
      // settled. Not after destroy(), which leaves nothing running.
      if (returnFocus && error?.code !== 5005) returnFocusWhenReady(returnFocus);
    };
    // Dismissed mid-logout (iframe or window): the modal goes at once, but the result waits (within the
    // call's deadline) for the logout step to end, to say whether it happened.
    if (error?.code === 1010 && pending) pending.then(done, done);
    else done();
  }

  document.body.append(host);
  const restoreBackground = makeBackgroundInert(host);
  mount.addEventListener('keydown', onKeyDown);
  check();
  return { result, close: (error) => finish(error) };
}
