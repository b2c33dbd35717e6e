import { pageUrl } from './transport/bridge-frame';
import { PlatformWindow, type PlatformWindowOptions } from './transport/platform-window';
import { PROTOCOL_VERSION, WINDOW_PATH } from '../shared/protocol';
import type { Deadline } from './deadline';
import { ScdkError } from '../shared/scdk-error';
import { expectLogoutResult } from './expect-answer';

/** What the window flow needs from its instance. */
export interface WindowFlowContext {
  options: PlatformWindowOptions;
  /**
   * The token for the window's logout, within the time given. Asked for once the window is open, never
   * before: fetching a fresh one (config.getToken) must not delay window.open past the user's click.
   */
  token: (timeoutMs: number) => Promise<string>;
  /** The instance's open platform windows, so destroy() and the switcher can close them. */
  windows: Set<PlatformWindow>;
}

/** The arguments after the context: the call's deadline, what to do once logged out, the step callback, a refusal to race. */
export type WindowFlowArgs<T> = [
  left: Deadline,
  then: (platformWindow: PlatformWindow, hadSession: boolean) => T | Promise<T>,
  onStep?: (step: 'logging-out') => void,
  beside?: () => Promise<never>,
];

/**
 * The platform window fallback, and the first step of a switch: opens the window now (inside the
 * click), logs out in it first-party, then hands the window to `then`. Closed whatever happens.
 * The window's load, connect and logout share the call's deadline `left`. `beside`, started once the
 * window is open, may end the wait for the window's page with its own error (a refusing platform).
 */
export async function logoutInWindow<T>(
  { options, token, windows }: WindowFlowContext,
  ...[left, then, onStep = () => {}, beside]: WindowFlowArgs<T>
): Promise<T> {
  const { platformOrigin, gateway } = options;
  const platformWindow = new PlatformWindow(`${pageUrl(platformOrigin, WINDOW_PATH, gateway)}&v=${PROTOCOL_VERSION}`, options);
  windows.add(platformWindow);
  // Started once the window is open, so nothing comes between the click and window.open.
  const refused = beside?.();
  refused?.catch(() => {}); // only the race below listens, and only while the window connects
  const tokenForLogout = token(left());
  tokenForLogout.catch(() => {}); // awaited below, once the window's page is connected
  try {
    onStep('logging-out');
    // A refusal only counts before the window's page connected: after that, its logout may be under way.
    const connection = platformWindow.connection(left());
    const channel = await (refused ? Promise.race([connection, refused]) : connection);
    const { hadSession } = expectLogoutResult(await channel.request('logout', await tokenForLogout, left()));
    return await then(platformWindow, hadSession);
  } finally {
    windows.delete(platformWindow);
    platformWindow.close(new ScdkError(5005, 'The platform window finished.'));
  }
}
