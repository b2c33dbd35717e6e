// The public types of the partner API, in one place: src/index.ts re-exports them, and ui/ imports them
// instead of restating them.
import type { LogoutResult, SessionInfo } from '../shared/protocol';
import type { ScdkError } from '../shared/scdk-error';

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

/** What `openAccountSwitcher()` resolves with once the user closes the finished modal. */
export type SwitcherResult = ({ status: 'switched' } & SwitchResult) | { status: 'logged_out'; hadSession: boolean };

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
