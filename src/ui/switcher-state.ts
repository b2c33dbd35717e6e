import type { SessionInfo } from '../shared/protocol';
import type { ScdkError } from '../shared/scdk-error';
import type { SwitcherResult } from '../sdk/types';

/** One visible state of the modal; each has its own screen. */
export type SwitcherState =
  | { phase: 'checking' }
  | { phase: 'ready'; session: SessionInfo }
  | { phase: 'logging-out' }
  | { phase: 'waiting' }
  | { phase: 'done'; result: SwitcherResult }
  | { phase: 'error'; error: ScdkError };
