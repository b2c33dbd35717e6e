import { isSessionInfo } from '../../shared/protocol';
import { ScdkError } from '../../shared/scdk-error';
import { startDeadline } from '../deadline';
import type { SwitchResult, SwitchStep } from '../types';
import { tokenFor, type FlowContext } from './context';
import { readSession } from './session';
import { logoutInWindow } from './window-logout';

/** 1012: the switch's logout happened, but no other account was connected. */
const switchIncomplete = (why: string): ScdkError =>
  new ScdkError(1012, `${why} The previous account is logged out; call switchAccount() again to connect one.`);

/**
 * Why this page cannot switch without a native bridge, or undefined: `fallback: 'none'` allows no window
 * (5004), and in an app's web view a window may replace the page itself (5008). The switcher then offers
 * Log out only.
 */
export function switchRefusal({ fallback, embedded, native }: FlowContext): ScdkError | undefined {
  if (native()?.has('switchAccount')) return undefined;
  if (fallback === 'none') return new ScdkError(5004, "Switching needs a platform window, and config.fallback 'none' allows none.");
  if (embedded) return new ScdkError(5008, 'Switching needs a platform window, which an app cannot open here; give config.nativeBridge a switchAccount().');
  return undefined;
}

/** Lets the next task run: a switcher dismissed during the logout closes the window in this step's microtasks. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

/**
 * A switch: opens the platform window at once, still inside the user's click, and does both steps in it:
 * logout first-party (works in every cookie world), then the login page. No bridge round trip comes
 * before window.open, so a slow network cannot cost the click, and no session is ended unless the window
 * that lets the user pick the next account is already open. `config.timeoutMs` covers the window and the
 * logout; the user's choice has no deadline, and the final session read gets a budget of its own.
 */
export function switchAccount(context: FlowContext, onStep: (step: SwitchStep) => void): Promise<SwitchResult> {
  const { timeoutMs, state, lifetime } = context;
  const native = context.native();
  if (native?.has('switchAccount')) {
    // The host app switches with its native SDK, in its own jar; the account is then read as getSession() does.
    return lifetime.guard(native.call('switchAccount', startDeadline(timeoutMs))).then(async ({ switched }) => {
      state.loggedOut(true, { thenSession: false });
      const session = switched && (await readSession(context, true));
      if (!session || session.state !== 'connected') throw switchIncomplete('The host app connected no account.');
      state.switched(session);
      return { accountId: session.accountId, session };
    });
  }
  const refusal = switchRefusal(context);
  if (refusal) return Promise.reject(refusal);
  let hadSession: boolean | undefined;
  return logoutInWindow(context, {
    left: startDeadline(timeoutMs),
    onStep,
    then: async (platformWindow, ended) => {
      hadSession = ended;
      state.loggedOut(ended, { thenSession: false });
      onStep('choosing-account');
      // Navigate only after the dismissal's microtasks, and only a window still open: Chromium may drop a
      // close() that meets a navigation, which would leave the window open.
      await nextTask();
      lifetime.check(); // destroyed in the gap: the window is closing, and nothing must move it
      platformWindow.navigate(context.loginUrl);
      // No timeout while the user chooses; closing the window rejects with 1011.
      const channel = await platformWindow.connection();
      const left = startDeadline(timeoutMs);
      const session = await channel.request('session', await tokenFor(context, left), left);
      if (!isSessionInfo(session) || session.state !== 'connected') throw switchIncomplete('No account was connected in the platform window.');
      state.switched(session);
      return { accountId: session.accountId, session };
    },
  }).catch((error: ScdkError) => {
    // destroy() closed the window: whatever its wait said, the call ends with 5005.
    lifetime.check();
    // Past the logout, a closed window (or anything else) does not undo it: say so, not "cancelled".
    if (hadSession === undefined || error.code === 5005 || error.code === 1012) throw error;
    throw switchIncomplete(error.code === 1011 ? 'The user closed the platform window before choosing an account.' : error.detail);
  });
}
