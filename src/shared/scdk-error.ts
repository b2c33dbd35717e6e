import { ERROR_NAMES, errorPayload, isErrorCode, type ErrorCode, type ErrorPayload } from './error-codes';

/**
 * The one error class scdk throws or rejects with.
 * `code` is stable and numeric, `message` is its snake_case name, `detail` says what happened and how to fix it.
 */
export class ScdkError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    super(ERROR_NAMES[code]);
    this.name = 'ScdkError';
    this.code = code;
    this.detail = detail;
  }

  /** Rebuilds an error that crossed a message boundary; anything unrecognised becomes 2000 api_error. */
  static fromPayload(payload: unknown): ScdkError {
    const candidate = payload as Partial<ErrorPayload> | null;
    if (candidate && isErrorCode(candidate.code)) {
      const detail = typeof candidate.detail === 'string' ? candidate.detail : '';
      return new ScdkError(candidate.code, detail);
    }
    return new ScdkError(2000, 'The platform answered with an error scdk does not recognise.');
  }

  toJSON(): ErrorPayload {
    return errorPayload(this.code, this.detail);
  }
}
