/**
 * The stable error codes. Numbers and names are public: partners switch on them, so never renumber.
 * `message` of an `ScdkError` is the snake_case name below (the convention of the platform's other SDKs).
 */
export const ERROR_CODES = {
  /** The user closed the account-switch modal. */
  USER_CANCELLED: 1010,
  /** The user closed a platform window (login/logout) before it finished. */
  WINDOW_CLOSED: 1011,
  /** The platform answered with an error, or could not be reached. */
  API_ERROR: 2000,
  /** The platform could not end the session. */
  LOGOUT_FAILED: 3023,
  /** An option other than gateway/token is malformed (scdk addition to the original table). */
  INVALID_OPTIONS: 4000,
  /** Gateway missing, malformed, or not registered with the platform. */
  INVALID_GATEWAY: 4001,
  /** Token missing, not a decodable JWT, or its signature was refused by the platform. */
  INVALID_JWT: 4002,
  /** Token `exp` is in the past. */
  TOKEN_EXPIRED: 4003,
  /** A guest token was used where a connected user is required. */
  NOT_CONNECTED: 4004,
  /** The platform does not trust this partner origin for this gateway. */
  ORIGIN_NOT_ALLOWED: 4005,
  /** The bridge did not answer in time. */
  BRIDGE_TIMEOUT: 5001,
  /** The bridge page could not load (404, 5xx, framing refused, offline) or was reloaded. */
  BRIDGE_UNAVAILABLE: 5002,
  /** The browser keeps the platform's cookies from the bridge and no fallback was allowed. */
  STORAGE_BLOCKED: 5003,
  /** A platform window could not be opened (blocked, or no user click). */
  POPUP_BLOCKED: 5004,
  /** The instance was destroyed while the call was in flight. */
  DESTROYED: 5005,
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** snake_case name for every code; 1010 and 1011 share `user_cancelled` on purpose. */
export const ERROR_NAMES: Readonly<Record<ErrorCode, string>> = {
  1010: 'user_cancelled',
  1011: 'user_cancelled',
  2000: 'api_error',
  3023: 'logout_failed',
  4000: 'invalid_options',
  4001: 'invalid_gateway',
  4002: 'invalid_jwt',
  4003: 'token_expired',
  4004: 'not_connected',
  4005: 'origin_not_allowed',
  5001: 'bridge_timeout',
  5002: 'bridge_unavailable',
  5003: 'storage_blocked',
  5004: 'popup_blocked',
  5005: 'destroyed',
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'number' && Object.prototype.hasOwnProperty.call(ERROR_NAMES, value);
}

/** An error as it crosses a postMessage boundary. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  detail: string;
}

export function errorPayload(code: ErrorCode, detail: string): ErrorPayload {
  return { code, message: ERROR_NAMES[code], detail };
}
