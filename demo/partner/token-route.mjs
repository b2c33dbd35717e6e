// GET /api/token: stands in for the partner's backend, which signs the user's smallcaseAuthToken
// with the gateway secret. A real backend would take the user from its own login session.
import { DEMO_GATEWAY_SECRET } from '../shared/gateways.mjs';
import { sendError, sendJson } from '../shared/http.mjs';
import { signJwt } from '../shared/jwt.mjs';

const TOKEN_PATH = '/api/token';
const TOKEN_LIFETIME_IN_SECONDS = 24 * 60 * 60;
/** How long ago an `expired=true` token expired: well past the platform's 30 s leeway. */
const EXPIRED_AGO_IN_SECONDS = 60 * 60;
const SMALLCASE_AUTH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BAD_REQUEST = Object.freeze({ code: 400, message: 'bad_request' });
const USAGE = 'Use /api/token?smallcaseAuthId=<id> or /api/token?guest=true, optionally with &expired=true.';

/**
 * Builds the token route.
 * @returns {Map<string, Record<string, Function>>}
 */
export function createTokenRoutes() {
  function token(_req, res, url) {
    const params = url.searchParams;
    const smallcaseAuthId = params.get('smallcaseAuthId');
    const guest = params.get('guest');
    const expired = params.get('expired');
    const fail = (detail) => sendError(res, 400, { ...BAD_REQUEST, detail: `${detail} ${USAGE}` });

    if (guest !== null && guest !== 'true') return fail('guest must be "true" when present.');
    if (expired !== null && expired !== 'true' && expired !== 'false') return fail('expired must be "true" or "false".');
    if (guest === 'true' && smallcaseAuthId !== null) return fail('Pass either guest=true or smallcaseAuthId, not both.');
    if (guest === null && smallcaseAuthId === null) return fail('smallcaseAuthId is missing.');
    if (smallcaseAuthId !== null && !SMALLCASE_AUTH_ID_PATTERN.test(smallcaseAuthId)) {
      return fail('smallcaseAuthId must be 1 to 64 letters, digits, "_" or "-".');
    }

    const now = Math.floor(Date.now() / 1000);
    const iat = expired === 'true' ? now - TOKEN_LIFETIME_IN_SECONDS - EXPIRED_AGO_IN_SECONDS : now;
    const subject = guest === 'true' ? { guest: true } : { smallcaseAuthId };
    return sendJson(res, 200, { token: signJwt({ ...subject, iat, exp: iat + TOKEN_LIFETIME_IN_SECONDS }, DEMO_GATEWAY_SECRET) });
  }

  return new Map([[TOKEN_PATH, { GET: token }]]);
}
