/**
 * The stable error codes. Numbers and names are public: partners switch on them, so never renumber.
 * `message` of an `ScdkError` is the snake_case name below (the convention of the platform's other SDKs).
 */
export const ERROR_CODES = {
  /** The user closed the account-switch modal. */
  USER_CANCELLED: 1010,
  /** The user closed a platform window (login/logout) before it finished. */
  WINDOW_CLOSED: 1011,
  /** A switch logged the previous account out, but no other account was connected (window closed, or no login). */
  SWITCH_INCOMPLETE: 1012,
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
  /** The redirect logout did not complete in this page: the navigation was blocked, or the user came back before it finished. */
  REDIRECT_INCOMPLETE: 5006,
  /** The UI file (the switcher and the button) could not load: 404, integrity mismatch, blocked, or too slow. */
  UI_UNAVAILABLE: 5007,
  /** Switching needs a platform window, which this app's web view cannot open, and the host offers no native switch. */
  SWITCH_UNAVAILABLE: 5008,
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/**
 * snake_case name for every code: the key of ERROR_CODES in lower case, except 1011, which shares
 * `user_cancelled` with 1010 on purpose. Derived so the bundle carries each name once.
 */
export const ERROR_NAMES = {} as Readonly<Record<ErrorCode, string>>;
for (const [name, code] of Object.entries(ERROR_CODES)) {
  (ERROR_NAMES as Record<ErrorCode, string>)[code] = code === ERROR_CODES.WINDOW_CLOSED ? 'user_cancelled' : name.toLowerCase();
}

export function isErrorCode(value: unknown): value is ErrorCode {
  // Own numeric keys only: no number is a key of Object.prototype.
  return typeof value === 'number' && value in ERROR_NAMES;
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
