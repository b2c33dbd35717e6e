// GET/POST/DELETE /__test/faults: the switch that makes the mock platform misbehave, for the e2e tests
// and the partner demo's settings panel; it also takes `sessionSameSite`, the platform's cookie setting
// (cookie-setting.mjs), so a test can change it without a restart. The demo gateway's partner origins (exactly those) may call it
// from the browser (CORS); nothing else changes for them. A real platform has no such switch.
// GET /__test/held counts the API requests parked by `api: 'hold'`; POST /__test/release[?count=N] lets
// them (or the N oldest) go on, answered with the faults in force at that moment.
import { ERROR_CODES, ERROR_NAMES } from 'scdk/server';
import { DEMO_GATEWAY } from '../shared/gateways.mjs';
import { readBody, sendError, sendJson } from '../shared/http.mjs';
import { SESSION_SAMESITE_VALUES, isSessionSameSite } from './session-cookies.mjs';

const FAULTS_PATH = '/__test/faults';
const HELD_PATH = '/__test/held';
const RELEASE_PATH = '/__test/release';
const MAX_BODY_BYTES = 16 * 1024;
const BAD_FAULTS = Object.freeze({ code: ERROR_CODES.API_ERROR, message: ERROR_NAMES[ERROR_CODES.API_ERROR] });

/** `?count=N` releases the N oldest held requests; without it, all of them. */
function releaseCount(req) {
  const count = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('count'));
  return Number.isInteger(count) && count > 0 ? count : Infinity;
}

/**
 * Builds the fault-switch route.
 * @param {{ faults: ReturnType<typeof import('./faults.mjs').createFaultState>,
 *   cookieSetting: ReturnType<typeof import('./cookie-setting.mjs').createCookieSetting>,
 *   gateways: { get(name: string): import('../shared/gateways.mjs').Gateway | undefined } }} context
 * @returns {Map<string, Record<string, Function>>}
 */
export function createFaultRoutes({ faults, cookieSetting, gateways }) {
  /** The faults and the cookie setting, as one object (what the tests and the demo's panel read). */
  const shown = () => ({ ...faults.current(), sessionSameSite: cookieSetting.current() });
  const demoOrigins = gateways.get(DEMO_GATEWAY)?.partnerOrigins ?? [];
  /** CORS for the demo's partner page: its exact origin, or nothing. */
  const cors = (req) => {
    const origin = req.headers.origin;
    return typeof origin === 'string' && demoOrigins.includes(origin)
      ? { 'access-control-allow-origin': origin, vary: 'origin' }
      : { vary: 'origin' };
  };
  function preflight(req, res) {
    const allowed = cors(req);
    res.writeHead(204, allowed['access-control-allow-origin']
      ? { ...allowed, 'access-control-allow-methods': 'GET, POST, DELETE', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' }
      : allowed);
    res.end();
  }

  async function merge(req, res) {
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!raw.ok) return sendError(res, 413, { ...BAD_FAULTS, detail: 'Send a small JSON object.' }, { connection: 'close', ...cors(req) });
    let patch;
    try {
      patch = JSON.parse(raw.text);
    } catch {
      return sendError(res, 400, { ...BAD_FAULTS, detail: 'The body is not JSON. Example: {"bridge":"hang"}.' }, cors(req));
    }
    const isObject = typeof patch === 'object' && patch !== null && !Array.isArray(patch);
    const { sessionSameSite, ...faultPatch } = isObject ? patch : {};
    if (sessionSameSite !== undefined && !isSessionSameSite(sessionSameSite)) {
      const expected = SESSION_SAMESITE_VALUES.map((value) => `'${value}'`).join(' | ');
      return sendError(res, 400, { ...BAD_FAULTS, detail: `"sessionSameSite" must be ${expected}; got ${JSON.stringify(sessionSameSite)}.` }, cors(req));
    }
    // faults.merge names what it takes when the body is no object.
    const result = faults.merge(isObject ? faultPatch : patch);
    if (!result.ok) return sendError(res, 400, { ...BAD_FAULTS, detail: result.detail }, cors(req));
    if (sessionSameSite !== undefined) cookieSetting.set(sessionSameSite);
    return sendJson(res, 200, shown(), cors(req));
  }

  return new Map([
    [FAULTS_PATH, {
      GET: (req, res) => sendJson(res, 200, shown(), cors(req)),
      POST: merge,
      DELETE: (req, res) => {
        faults.reset();
        cookieSetting.reset();
        sendJson(res, 200, shown(), cors(req));
      },
      OPTIONS: preflight,
    }],
    [HELD_PATH, { GET: (_req, res) => sendJson(res, 200, { held: faults.held() }) }],
    [RELEASE_PATH, { POST: (req, res) => sendJson(res, 200, { released: faults.release(releaseCount(req)) }) }],
  ]);
}
