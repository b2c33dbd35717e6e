import { isLogoutResult } from '../shared/protocol';
import { ScdkError } from '../shared/scdk-error';

/** An answer from the platform that failed its shape check. */
export function badAnswer(code: 2000 | 3023): ScdkError {
  return new ScdkError(code, 'The platform answered in an unexpected shape.');
}

export function expectLogoutResult(result: unknown): { hadSession: boolean } {
  if (!isLogoutResult(result)) throw badAnswer(3023);
  return result;
}

