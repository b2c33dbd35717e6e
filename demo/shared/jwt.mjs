// HS256 JSON Web Tokens (RFC 7519 / RFC 7515), signing only: the partner demo's backend and the tests sign
// with it. The mock platform verifies with scdk/server, the kit a real platform uses.
import { createHmac } from 'node:crypto';
import { MIN_LEEWAY_IN_SECONDS } from 'scdk/server';

const JWT_ALGORITHM = 'HS256';
const JWT_HEADER = Object.freeze({ alg: JWT_ALGORITHM, typ: 'JWT' });
const HMAC_HASH = 'sha256';
/**
 * Clock skew the mock platform tolerates: the kit's default. The SDK's own leeway (CLOCK_LEEWAY_IN_SECONDS,
 * src/sdk/token.ts) must not exceed it; test/unit/token-agreement.spec.ts checks.
 */
export const EXP_LEEWAY_IN_SECONDS = MIN_LEEWAY_IN_SECONDS;

/** @param {unknown} value */
function encodeSegment(value) {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * Signs `payload` as a compact HS256 JWT with the header `{ alg: 'HS256', typ: 'JWT' }`.
 * @param {Record<string, unknown>} payload claims, e.g. `{ smallcaseAuthId, iat, exp }`
 * @param {string | Buffer} secret the gateway's signing secret
 * @returns {string} `header.payload.signature`, each part base64url
 */
export function signJwt(payload, secret) {
  const signingInput = `${encodeSegment(JWT_HEADER)}.${encodeSegment(payload)}`;
  return `${signingInput}.${createHmac(HMAC_HASH, secret).update(signingInput).digest('base64url')}`;
}
