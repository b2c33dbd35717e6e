// The platform's two login cookies. Both are SameSite=None; Secure so the bridge iframe can see
// them where the browser allows third-party cookies (Chromium accepts Secure on http://127.0.0.1).
import { parseCookies } from '../shared/http.mjs';

/** HttpOnly cookie holding the server-side session id. */
export const SESSION_COOKIE = 'scdk_session';
/** Script-visible cookie holding the logged-in account id. */
export const ACCOUNT_COOKIE = 'scdk_account';

const SESSION_ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=None';
const ACCOUNT_ATTRIBUTES = 'Path=/; Secure; SameSite=None';
const EXPIRE_NOW = 'Max-Age=0';

/**
 * The Set-Cookie values that log a browser in.
 * @param {string} sessionId
 * @param {string} accountId
 * @returns {string[]}
 */
export function loginCookies(sessionId, accountId) {
  return [
    `${SESSION_COOKIE}=${sessionId}; ${SESSION_ATTRIBUTES}`,
    `${ACCOUNT_COOKIE}=${encodeURIComponent(accountId)}; ${ACCOUNT_ATTRIBUTES}`,
  ];
}

/**
 * The Set-Cookie values that delete both cookies. A cookie is only replaced by one with the same
 * name, domain and path (RFC 6265 §5.3 step 11), so the attributes match the ones set at login.
 * @returns {string[]}
 */
export function clearingCookies() {
  return [
    `${SESSION_COOKIE}=; ${SESSION_ATTRIBUTES}; ${EXPIRE_NOW}`,
    `${ACCOUNT_COOKIE}=; ${ACCOUNT_ATTRIBUTES}; ${EXPIRE_NOW}`,
  ];
}

/**
 * The session id the request's cookies carry, if any.
 * @param {import('node:http').IncomingMessage} req
 * @returns {string | undefined}
 */
export function sessionIdOf(req) {
  return parseCookies(req.headers.cookie).get(SESSION_COOKIE);
}
