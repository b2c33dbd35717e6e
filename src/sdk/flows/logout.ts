import type { StorageState } from '../../shared/protocol';
import { expectLogoutResult } from '../../shared/protocol';
import { ScdkError } from '../../shared/scdk-error';
import type { FallbackMode } from '../config';
import { startDeadline, type Deadline } from '../deadline';
import { tokenFor, type FlowContext } from './context';
import { logoutInWindow } from './window-logout';

/** The ways a logout can go. */
export type LogoutPath =
  /** The host app ends the session itself, in the cookie jar its native SDK used (native-bridge.ts). */
  | 'native'
  /** Through the connected bridge in the hidden frame: it reaches the session cookie. */
  | 'frame'
  /** Connect the frame first, to learn whether it reaches the cookie; then choose again. */
  | 'connect'
  /**
   * Inside a click, in an engine that keeps the click's activation across awaits: the handshake first, for
   * as long as the activation surely lasts (ACTIVATION_PROBE_MS); a slower one counts as 'blocked'. A frame
   * that reaches the cookie then logs out with no window; else the window opens, still allowed.
   */
  | 'probe'
  /** Open the platform window now, inside the click, with the handshake beside it. */
  | 'window-first'
  /** The frame cannot reach the cookie: a platform window. */
  | 'window'
  /** The frame cannot reach the cookie: the full-page redirect. */
  | 'redirect'
  /** 'auto' without a click: no window can open and the page must not navigate: 5004. */
  | 'no-click'
  /** The frame cannot reach the cookie and config.fallback allows nothing: 5003. */
  | 'refuse'
  /** The window was refused and the frame cannot do it either: the window's 5004 stands. */
  | 'give-up';

/** What the choice depends on, all known synchronously. */
export interface LogoutFacts {
  /** What the connected bridge reported; undefined until the frame is connected. */
  storage: StorageState | undefined;
  /** What the last handshake reported on this partner origin (kept in localStorage). */
  remembered: StorageState | undefined;
  fallback: FallbackMode;
  /** Whether the page is inside a user's click: without one no window can open. */
  inClick: boolean;
  /** A window this call tried was refused by the browser (5004). */
  windowRefused: boolean;
  /** The host app offers a native bridge (config.nativeBridge, or a detected `scdk` handler). */
  native: boolean;
  /** The page runs in an app's web view or an in-app browser (embedded.ts), where windows go wrong. */
  embedded: boolean;
  /** The engine lets a click open a window after awaits (Chromium, Firefox: about 5 s), not only synchronously (WebKit). */
  keepsActivation: boolean;
}

/**
 * How long a 'probe' waits for the handshake: well inside the 5 s Chromium and Firefox keep a click's
 * activation, so the window that may follow is still allowed.
 */
export const ACTIVATION_PROBE_MS = 2000;

/**
 * The logout's next path, from facts alone (no page, no await), so each branch is unit-tested. A flow
 * calls it again after each step that taught it something (a handshake, a refused window).
 */
export function chooseLogoutPath(facts: LogoutFacts): LogoutPath {
  const { storage, remembered, fallback, inClick, windowRefused, embedded } = facts;
  const auto = fallback === 'auto';
  if (facts.native) return 'native';
  if (storage === 'available') return 'frame';
  if (storage === undefined) {
    // Blocked last time, or never seen, inside a click: open the window while the click still counts in
    // every engine (WebKit allows it only synchronously); a warm 'available' memory tries the frame first.
    // 'auto' with a refused window redirects at once: an app that loads the window in place is already
    // navigating the page away, and only a navigation started now, inside the click, overtakes it.
    if (windowRefused) return auto ? 'redirect' : 'connect';
    if (remembered === 'available' || !inClick) return 'connect';
    // In an app, window.open may navigate the partner page itself: never call it there.
    if (auto && embedded) return 'redirect';
    // Where the click outlives an await and nothing is remembered, the frame is asked first, so a page
    // whose frame reaches the cookie opens no window. WebKit allows a window only synchronously, and a
    // remembered 'blocked' needs no asking: the window opens at once there.
    return fallback === 'popup' || auto ? (facts.keepsActivation && !remembered ? 'probe' : 'window-first') : 'connect';
  }
  if (fallback === 'none') return 'refuse';
  if (fallback === 'redirect') return 'redirect';
  // 'auto' navigates the page only for a user's click, and only where a window cannot (or did not) open.
  if (auto) return !inClick ? 'no-click' : embedded || windowRefused ? 'redirect' : 'window';
  return windowRefused ? 'give-up' : 'window';
}

/** Handshake errors that say the platform will refuse this call whatever window opens. */
const REFUSING_CODES = [4001, 4005, 5002];

const loggedOut = (_: unknown, hadSession: boolean) => ({ hadSession });

/**
 * One logout. Reaches window.open (when it chooses a window) before its first await, so a warm bridge or
 * a remembered 'blocked' lets the window open inside the partner's click. `returnTo`: the redirect's.
 */
export async function logout(context: FlowContext, returnTo: string | undefined): Promise<{ hadSession: boolean }> {
  const { fallback, log } = context;
  // One budget for the whole call: handshake, request, window and redirect all draw on it.
  const left = startDeadline(context.timeoutMs);
  const frame = context.frame();
  const native = context.native();
  // The click is judged once, at the call: a later await may use it up in some engines.
  const inClick = context.inClick();
  let storage = frame.storage;
  let windowRefusal: ScdkError | undefined;
  for (;;) {
    const path = chooseLogoutPath({
      storage, remembered: context.rememberedStorage(), fallback, inClick, windowRefused: !!windowRefusal, native: !!native, embedded: context.embedded,
      keepsActivation: context.keepsActivation,
    });
    log('logout path', path);
    switch (path) {
      case 'native':
        return context.lifetime.guard(native!.call('logout', left));
      case 'frame': {
        const channel = await frame.connection(left);
        return expectLogoutResult(await channel.request('logout', await tokenFor(context, left), left));
      }
      case 'connect':
      case 'probe':
        storage = await frame.connection(path === 'connect' ? left : startDeadline(Math.min(ACTIVATION_PROBE_MS, left()))).then(
          (channel) => channel.storage,
          (error: ScdkError) => {
            // A probe with no answer while the click surely counts: taken as 'blocked', so the window opens in time.
            if (path === 'connect' || error.code !== 5001) throw error;
            return 'blocked' as const;
          },
        );
        context.lifetime.check();
        break;
      case 'window-first':
      case 'window':
        try {
          return await logoutInWindow(context, { left, then: loggedOut, refusal: path === 'window-first' ? () => handshakeRefusal(context, left) : undefined });
        } catch (error) {
          // The browser refused the window (no click after all, a blocker, an in-app browser): where the
          // frame reaches the session, the logout goes through it; 'auto' redirects; elsewhere the 5004 stands.
          if (!(error instanceof ScdkError) || error.code !== 5004) throw error;
          windowRefusal = error;
          storage = frame.storage;
        }
        break;
      case 'give-up':
        throw windowRefusal;
      case 'no-click':
        throw new ScdkError(5004, 'No click: call this from one.');
      case 'refuse':
        throw new ScdkError(5003, "The bridge cannot reach the session cookie and config.fallback is 'none': use 'popup' or 'redirect'.");
      case 'redirect':
        return context.redirect(await tokenFor(context, left), returnTo, left);
    }
  }
}

/**
 * The handshake beside a window opened first: it learns the storage state for the next call (after a
 * first-party visit, Firefox may let the frame in), and ends the call with its clearer error when the
 * platform refuses this gateway or origin or cannot be reached. Any other outcome never settles.
 */
function handshakeRefusal(context: FlowContext, left: Deadline): Promise<never> {
  return new Promise<never>((_, reject) => {
    context
      .frame()
      .connection(left)
      .catch((error: ScdkError) => {
        if (REFUSING_CODES.includes(error.code)) reject(error);
      });
  });
}
