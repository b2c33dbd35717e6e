// GET/POST/DELETE /__test/faults: the test-only switch that makes the mock platform misbehave.
// GET /__test/held counts the API requests parked by `api: 'hold'`; POST /__test/release[?count=N] lets
// them (or the N oldest) go on, answered with the faults in force at that moment.
import { readBody, sendError, sendJson } from '../shared/http.mjs';

const FAULTS_PATH = '/__test/faults';
const HELD_PATH = '/__test/held';
const RELEASE_PATH = '/__test/release';
const MAX_BODY_BYTES = 16 * 1024;
const BAD_FAULTS = Object.freeze({ code: 2000, message: 'api_error' });

/** `?count=N` releases the N oldest held requests; without it, all of them. */
function releaseCount(req) {
  const count = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('count'));
  return Number.isInteger(count) && count > 0 ? count : Infinity;
}

/**
 * Builds the fault-switch route.
 * @param {{ faults: ReturnType<typeof import('./faults.mjs').createFaultState> }} context
 * @returns {Map<string, Record<string, Function>>}
 */
export function createFaultRoutes({ faults }) {
  async function merge(req, res) {
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!raw.ok) return sendError(res, 413, { ...BAD_FAULTS, detail: 'Send a small JSON object.' }, { connection: 'close' });
    let patch;
    try {
      patch = JSON.parse(raw.text);
    } catch {
      return sendError(res, 400, { ...BAD_FAULTS, detail: 'The body is not JSON. Example: {"bridge":"hang"}.' });
    }
    const result = faults.merge(patch);
    if (!result.ok) return sendError(res, 400, { ...BAD_FAULTS, detail: result.detail });
    return sendJson(res, 200, result.faults);
  }

  return new Map([
    [FAULTS_PATH, {
      GET: (_req, res) => sendJson(res, 200, faults.current()),
      POST: merge,
      DELETE: (_req, res) => sendJson(res, 200, faults.reset()),
    }],
    [HELD_PATH, { GET: (_req, res) => sendJson(res, 200, { held: faults.held() }) }],
    [RELEASE_PATH, { POST: (req, res) => sendJson(res, 200, { released: faults.release(releaseCount(req)) }) }],
  ]);
}
