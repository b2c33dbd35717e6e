import type { LogoutResult, SessionInfo } from '../shared/protocol';
import type { Emitter } from './emitter';
import type { ScdkEvents } from './types';

type ConnectedSession = SessionInfo & { state: 'connected' };

/**
 * What this instance last knew of the platform session, and the one place that emits `session`,
 * `logout` and `switch`. The bridge's answer is the truth where it can see the session; where it answers
 * `unknown` (cookies blocked), what the instance itself saw happen in a platform window is kept, so a
 * switcher does not offer Log out again right after a logout.
 */
export class SessionState {
  /** What the instance saw in a platform window (a logout, a switch), while the bridge cannot see. */
  private _seen?: SessionInfo;
  /** The broker name from the last session answer, so the post-logout `session` event can carry it. */
  private _broker = '';

  constructor(private readonly _events: Emitter<ScdkEvents>) {}

  /** The bridge answered a session query. */
  read(session: SessionInfo): void {
    this._broker = session.broker;
    if (session.state !== 'unknown') this._seen = undefined; // the bridge sees for itself
    this._events.emit('session', session);
  }

  /** A logout ended the session: `logout`, then (for a plain logout) the `session` it left. */
  loggedOut(hadSession: boolean, { thenSession }: { thenSession: boolean }): LogoutResult {
    const result: LogoutResult = { success: true, hadSession };
    this._seen = { state: 'disconnected', broker: this._broker };
    this._events.emit('logout', result);
    if (thenSession) this._events.emit('session', this._seen);
    return result;
  }

  /** A switch connected `session`'s account in the platform window. */
  switched(session: ConnectedSession): void {
    this._broker = session.broker;
    this._seen = session;
    this._events.emit('session', session);
    this._events.emit('switch', { accountId: session.accountId });
  }

  /** setToken(): perhaps another user's, so what was seen no longer holds. */
  forget(): void {
    this._seen = undefined;
  }

  /** The bridge's answer, or, where it answers `unknown`, what this instance saw instead. */
  bestGuess(session: SessionInfo): SessionInfo {
    return (session.state === 'unknown' && this._seen) || session;
  }
}
