// The bridge's API: POST /scdk/v1/logout and POST /scdk/v1/session. The bridge iframe calls them
// same-origin with credentials; each request proves who the user is with the partner's token.
import { readBody, sendError, sendJson } from '../shared/http.mjs';
import { isConnectedPayload, verifyJwt } from '../shared/jwt.mjs';
import { maskAccountId } from './accounts.mjs';
import { isSameOriginRequest } from './same-origin.mjs';
import { clearingCookies, sessionIdOf } from './session-cookies.mjs';

const LOGOUT_PATH = '/scdk/v1/logout';
const SESSION_PATH = '/scdk/v1/session';
const MAX_BODY_BYTES = 16 * 1024;
const MAX_ECHOED_CHARS = 40;
/** How fresh a session must be for a platform window to claim it for the token's user. */
const CLAIM_WINDOW_MS = 10 * 60 * 1000;

const API_ERROR = Object.freeze({ code: 2000, message: 'api_error' });
const LOGOUT_FAILED = Object.freeze({ code: 3023, message: 'logout_failed' });
const INVALID_GATEWAY = Object.freeze({ code: 4001, message: 'invalid_gateway' });
const NOT_CONNECTED = Object.freeze({ code: 4004, message: 'not_connected' });
const ORIGIN_NOT_ALLOWED = Object.freeze({ code: 4005, message: 'origin_not_allowed' });

/** @param {string} text @returns {unknown} undefined when not JSON */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Quotes caller input for an error detail, cut short so a detail never carries a large body. */
function quote(value) {
  return JSON.stringify(value.length > MAX_ECHOED_CHARS ? `${value.slice(0, MAX_ECHOED_CHARS)}…` : value);
}

/** @param {unknown} body @returns {body is { gateway: string, token: string }} */
function isApiBody(body) {
  return typeof body === 'object' && body !== null &&
    typeof (/** @type {any} */ (body).gateway) === 'string' && typeof (/** @type {any} */ (body).token) === 'string';
}

/**
 * Builds the bridge API routes.
 * @param {{ gateways: { get(name: string): import('../shared/gateways.mjs').Gateway | undefined },
 *   sessions: ReturnType<typeof import('./sessions.mjs').createSessionStore>,
 *   faults: ReturnType<typeof import('./faults.mjs').createFaultState>,
 *   wait: (ms: number) => Promise<void> }} context `wait` is a timer the server cancels on close
 * @returns {Map<string, Record<string, Function>>}
 */
export function createApiRoutes({ gateways, sessions, faults, wait }) {
  /**
   * Runs the checks both endpoints share, in order: caller, body size, faults, body shape,
   * gateway, token, connected user. Answers the error itself and resolves null when one fails.
   * @returns {Promise<{ gateway: import('../shared/gateways.mjs').Gateway, smallcaseAuthId: string } | null>}
   */
  async function authorize(req, res, faultError) {
    if (!isSameOriginRequest(req)) {
      sendError(res, 403, { ...ORIGIN_NOT_ALLOWED, detail: 'This endpoint only answers the platform\'s own bridge page (same-origin requests).' });
      return null;
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!raw.ok) {
      if (raw.reason === 'too_large') {
        sendError(res, 413, { ...API_ERROR, detail: `The request body is larger than ${MAX_BODY_BYTES} bytes; send only { gateway, token }.` }, { connection: 'close' });
      }
      return null;
    }
    const { api, apiDelayMs } = faults.current();
    if (apiDelayMs > 0) await wait(apiDelayMs);
    if (api === 'hang') return null; // never answer; close() destroys the socket
    // Parked until POST /__test/release; then answered with the faults in force at that moment.
    if (api === 'hold') await faults.hold();
    if (faults.current().api === '500') {
      sendError(res, 500, { ...faultError, detail: 'mock platform fault: the API is set to fail (POST /__test/faults).' });
      return null;
    }
    const body = parseJson(raw.text);
    if (!isApiBody(body)) {
      sendError(res, 400, { ...API_ERROR, detail: 'Send a JSON body { "gateway": string, "token": string }.' });
      return null;
    }
    const gateway = gateways.get(body.gateway);
    if (!gateway) {
      sendError(res, 404, { ...INVALID_GATEWAY, detail: `The gateway ${quote(body.gateway)} is not registered with this platform; check config.gateway.` });
      return null;
    }
    const verified = verifyJwt(body.token, gateway.secret);
    if (!verified.ok) {
      sendError(res, 401, verified);
      return null;
    }
    if (!isConnectedPayload(verified.payload)) {
      sendError(res, 403, { ...NOT_CONNECTED, detail: 'The token is for a guest; a connected user\'s token (with smallcaseAuthId) is required.' });
      return null;
    }
    return { gateway, smallcaseAuthId: /** @type {string} */ (verified.payload.smallcaseAuthId), claim: /** @type {any} */ (body).claim === true };
  }

  async function logout(req, res) {
    const caller = await authorize(req, res, LOGOUT_FAILED);
    if (!caller) return;
    const hadSession = sessions.delete(sessionIdOf(req));
    sendJson(res, 200, { hadSession }, { 'set-cookie': clearingCookies(faults.current().sessionSameSite) });
  }

  async function session(req, res) {
    const caller = await authorize(req, res, API_ERROR);
    if (!caller) return;
    let current = sessions.get(sessionIdOf(req));
    // A login finished in a window the partner's SDK opened (the runtime asks with claim: true) belongs
    // to that partner user: link a fresh session nobody claimed yet, so the user sees their own account.
    if (current && !current.smallcaseAuthId && caller.claim && Date.now() - current.createdAt < CLAIM_WINDOW_MS) {
      current = sessions.claim(sessionIdOf(req), caller.smallcaseAuthId);
    }
    const own = Boolean(current) && current.smallcaseAuthId === caller.smallcaseAuthId;
    sendJson(res, 200, {
      loggedIn: Boolean(current),
      broker: caller.gateway.broker,
      accountId: current ? (own ? current.accountId : maskAccountId(current.accountId)) : null,
      own,
    });
  }

  return new Map([
    [LOGOUT_PATH, { POST: logout }],
    [SESSION_PATH, { POST: session }],
  ]);
}
