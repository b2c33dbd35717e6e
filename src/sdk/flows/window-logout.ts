import { expectLogoutResult } from '../../shared/protocol';
import { ScdkError } from '../../shared/scdk-error';
import type { Deadline } from '../deadline';
import type { WindowConnection } from '../transport/channel';
import { tokenFor, type FlowContext } from './context';

export interface WindowLogout<T> {
  /** The call's deadline: the window's load, connect and logout share it. */
  left: Deadline;
  /** What to do once logged out, with the window still open. */
  then: (platformWindow: WindowConnection, hadSession: boolean) => T | Promise<T>;
  onStep?: (step: 'logging-out') => void;
  /**
   * Started once the window is open: a refusal (say, the platform does not know this gateway) that may
   * end the wait for the window's page with its own, clearer error.
   */
  refusal?: () => Promise<never>;
}

/**
 * The platform window fallback, and the first step of a switch: opens the window now (inside the click),
 * logs out in it first-party, then hands the window to `then`. Closed whatever happens.
 */
export async function logoutInWindow<T>(context: FlowContext, { left, then, onStep = () => {}, refusal }: WindowLogout<T>): Promise<T> {
  const platformWindow = context.openWindow();
  // Started once the window is open, so nothing comes between the click and window.open.
  const refused = refusal?.();
  refused?.catch(() => {}); // only the race below listens, and only while the window connects
  const tokenForLogout = tokenFor(context, left);
  tokenForLogout.catch(() => {}); // awaited below, once the window's page is connected
  try {
    onStep('logging-out');
    // A refusal only counts before the window's page connected: after that, its logout may be under way.
    const connection = platformWindow.connection(left);
    const channel = await (refused ? Promise.race([connection, refused]) : connection);
    const { hadSession } = expectLogoutResult(await channel.request('logout', await tokenForLogout, left));
    return await then(platformWindow, hadSession);
  } finally {
    platformWindow.close(new ScdkError(5005, 'The platform window finished.'));
  }
}
