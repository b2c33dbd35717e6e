import type { SessionInfo } from '../shared/protocol';
import type { ScdkError } from '../shared/scdk-error';

/** What `openAccountSwitcher()` resolves with once the user closes the finished modal. */
export type SwitcherResult =
  | { status: 'switched'; accountId: string; session: SessionInfo & { state: 'connected' } }
  | { status: 'logged_out'; hadSession: boolean };

/** One visible state of the modal; each has its own screen. */
export type SwitcherState =
  | { phase: 'checking' }
  | { phase: 'ready'; session: SessionInfo }
  | { phase: 'logging-out' }
  | { phase: 'waiting' }
  | { phase: 'done'; result: SwitcherResult }
  | { phase: 'error'; error: ScdkError };
