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
    const { code, detail } = (payload ?? {}) as Partial<ErrorPayload>;
    return isErrorCode(code)
      ? new ScdkError(code, typeof detail === 'string' ? detail : '')
      : new ScdkError(2000, 'Unknown error from the platform.');
  }

  toJSON(): ErrorPayload {
    return errorPayload(this.code, this.detail);
  }
}

/** What a partner passed, for a detail: JSON where possible (a string shows its quotes). Never used on the token. */
export const shown = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value; // a BigInt or a cyclic object
  }
};

/** 4000 for a malformed option: names it, says what it takes, shows what it got. */
export const badOption = (name: string, expected: string, got: unknown, code: 4000 | 4001 = 4000): ScdkError =>
  new ScdkError(code, `${name}: ${expected}, got ${shown(got)}.`);

/** 5001 for `what` (the bridge, a platform window, a request) that did not answer within `config.timeoutMs`. */
export const timedOut = (what: string): ScdkError =>
  new ScdkError(5001, `${what} did not answer in time: check the network or raise config.timeoutMs.`);

/** 5002 for a bridge or platform window whose page went away mid-call (reloaded, removed, navigated). */
export const connectionLost = (): ScdkError => new ScdkError(5002, 'The platform page was reloaded or removed. Try again.');

/** 5005 for a call in flight when destroy() ran, or made after it. */
export const destroyedError = (): ScdkError => new ScdkError(5005, 'destroy() was called: create a new scDK.');
