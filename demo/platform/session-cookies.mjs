// The platform's two login cookies. Their SameSite attribute is a setting (PLATFORM_SESSION_SAMESITE, or
// the test hook `sessionSameSite` in POST /__test/faults), because real platforms differ: with `None`, the
// bridge iframe can see them where the browser allows third-party cookies; with `Lax` or `Strict`, never.
// Always Secure: Chromium accepts Secure on http://127.0.0.1 and refuses SameSite=None without it.
import { parseCookies } from '../shared/http.mjs';

/** HttpOnly cookie holding the server-side session id. */
export const SESSION_COOKIE = 'scdk_session';
/** Script-visible cookie holding the logged-in account id. */
export const ACCOUNT_COOKIE = 'scdk_account';
/** The SameSite values the mock platform can set its login cookies with. */
export const SESSION_SAMESITE_VALUES = Object.freeze(['None', 'Lax', 'Strict']);
/** The login cookies' SameSite unless configured otherwise: what the demo always used. */
export const DEFAULT_SESSION_SAMESITE = 'None';
/** Both cookies cover the whole site, so every API path receives them. */
const COOKIE_PATH = '/';
const EXPIRE_NOW = 'Max-Age=0';

/**
 * @typedef {'None' | 'Lax' | 'Strict'} SameSite
 */

/**
 * Is `value` a SameSite setting the mock platform supports?
 * @param {unknown} value
 * @returns {value is SameSite}
 */
export function isSessionSameSite(value) {
  return typeof value === 'string' && SESSION_SAMESITE_VALUES.includes(value);
}

/** @param {SameSite} sameSite */
const sessionAttributes = (sameSite) => `Path=${COOKIE_PATH}; HttpOnly; Secure; SameSite=${sameSite}`;
/** @param {SameSite} sameSite */
const accountAttributes = (sameSite) => `Path=${COOKIE_PATH}; Secure; SameSite=${sameSite}`;

/**
 * How the session cookie is set, as the platform runtime's `sessionCookie` option declares it.
 * @param {SameSite} sameSite
 * @returns {{ sameSite: SameSite, path: string }}
 */
export function sessionCookieDeclaration(sameSite) {
  return { sameSite, path: COOKIE_PATH };
}

/**
 * The Set-Cookie values that log a browser in.
 * @param {string} sessionId
 * @param {string} accountId
 * @param {SameSite} sameSite
 * @returns {string[]}
 */
export function loginCookies(sessionId, accountId, sameSite) {
  return [
    `${SESSION_COOKIE}=${sessionId}; ${sessionAttributes(sameSite)}`,
    `${ACCOUNT_COOKIE}=${encodeURIComponent(accountId)}; ${accountAttributes(sameSite)}`,
  ];
}

/**
 * The Set-Cookie values that delete both cookies. A cookie is only replaced by one with the same
 * name, domain and path (RFC 6265 §5.3 step 11), so the attributes match the ones set at login.
 * @param {SameSite} sameSite
 * @returns {string[]}
 */
export function clearingCookies(sameSite) {
  return [
    `${SESSION_COOKIE}=; ${sessionAttributes(sameSite)}; ${EXPIRE_NOW}`,
    `${ACCOUNT_COOKIE}=; ${accountAttributes(sameSite)}; ${EXPIRE_NOW}`,
  ];
}

/**
 * The session id a request's `Cookie` header carries, if any.
 * @param {string | null | undefined} cookieHeader
 * @returns {string | undefined}
 */
export function sessionIdOf(cookieHeader) {
  return parseCookies(cookieHeader ?? undefined).get(SESSION_COOKIE);
}
