// HS256 JSON Web Tokens (RFC 7519 / RFC 7515), just enough for the demo: the partner backend
// signs, the mock platform verifies. Errors use the SDK's error table (DESIGN.md).
import { createHmac, timingSafeEqual } from 'node:crypto';

const JWT_ALGORITHM = 'HS256';
const JWT_HEADER = Object.freeze({ alg: JWT_ALGORITHM, typ: 'JWT' });
const HMAC_HASH = 'sha256';
/**
 * Clock skew tolerated between the partner backend and the platform. The SDK's own leeway
 * (CLOCK_LEEWAY_IN_SECONDS, src/sdk/token.ts) must not exceed it; test/unit/token-agreement.spec.ts checks.
 */
export const EXP_LEEWAY_IN_SECONDS = 30;
const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;

const INVALID_JWT = Object.freeze({ code: 4002, message: 'invalid_jwt' });
const TOKEN_EXPIRED = Object.freeze({ code: 4003, message: 'token_expired' });

/** @param {unknown} value */
function encodeSegment(value) {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** @param {string} signingInput @param {string | Buffer} secret */
function sign(signingInput, secret) {
  return createHmac(HMAC_HASH, secret).update(signingInput).digest('base64url');
}

/** @param {string} segment @returns {unknown} undefined when the segment is not base64url JSON */
function decodeSegment(segment) {
  if (!BASE64URL_SEGMENT.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {string} detail
 * @returns {{ ok: false, code: 4002, message: 'invalid_jwt', detail: string }}
 */
function invalid(detail) {
  return { ok: false, ...INVALID_JWT, detail };
}

/**
 * Signs `payload` as a compact HS256 JWT with the header `{ alg: 'HS256', typ: 'JWT' }`.
 * @param {Record<string, unknown>} payload claims, e.g. `{ smallcaseAuthId, iat, exp }`
 * @param {string | Buffer} secret the gateway's signing secret
 * @returns {string} `header.payload.signature`, each part base64url
 */
export function signJwt(payload, secret) {
  const signingInput = `${encodeSegment(JWT_HEADER)}.${encodeSegment(payload)}`;
  return `${signingInput}.${sign(signingInput, secret)}`;
}

/**
 * Verifies an HS256 JWT: shape, header `alg`, signature (constant-time) and `exp`.
 * A token must carry a numeric `exp`; it counts as expired once `exp + 30 s` is in the past.
 * @param {unknown} token the compact JWT
 * @param {string | Buffer} secret the gateway's signing secret
 * @param {number} [nowSeconds] the current time in seconds since the epoch
 * @returns {{ ok: true, payload: Record<string, unknown> }
 *   | { ok: false, code: 4002 | 4003, message: 'invalid_jwt' | 'token_expired', detail: string }}
 */
export function verifyJwt(token, secret, nowSeconds = Math.floor(Date.now() / 1000)) {
  if (typeof token !== 'string' || token.length === 0) {
    return invalid('The token is missing: pass the JWT your backend signed with the gateway secret.');
  }
  const parts = token.split('.');
  if (parts.length !== 3) {
    return invalid(`The token has ${parts.length} part(s); a JWT has three, separated by dots (header.payload.signature).`);
  }
  const [headerSegment, payloadSegment, signatureSegment] = parts;
  const header = decodeSegment(headerSegment);
  if (!isPlainObject(header)) {
    return invalid('The token header is not base64url-encoded JSON.');
  }
  if (header.alg !== JWT_ALGORITHM) {
    return invalid(`The token header's alg is not ${JWT_ALGORITHM}; sign it with ${JWT_ALGORITHM} (HMAC-SHA256).`);
  }
  const expected = Buffer.from(sign(`${headerSegment}.${payloadSegment}`, secret), 'utf8');
  const actual = Buffer.from(signatureSegment, 'utf8');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return invalid('The token signature does not match: sign it with this gateway\'s secret.');
  }
  const payload = decodeSegment(payloadSegment);
  if (!isPlainObject(payload)) {
    return invalid('The token payload is not a base64url-encoded JSON object.');
  }
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) {
    return invalid('The token has no numeric exp claim: add exp (seconds since the epoch) when signing it.');
  }
  if (payload.exp + EXP_LEEWAY_IN_SECONDS < nowSeconds) {
    // toJSON is null, where toISOString would throw, for an exp beyond the dates JavaScript can hold.
    const expiredAt = new Date(payload.exp * 1000).toJSON() ?? payload.exp;
    return { ok: false, ...TOKEN_EXPIRED, detail: `The token expired at ${expiredAt}: ask your backend for a fresh one.` };
  }
  return { ok: true, payload };
}

/**
 * Whether a verified payload is a connected user's: the platform's one rule for 4004. A token that names a
 * user and also says `guest: true` is a guest's: the claim that narrows access wins.
 * @param {Record<string, unknown>} payload a payload verifyJwt accepted
 * @returns {boolean}
 */
export function isConnectedPayload(payload) {
  return payload.guest !== true && typeof payload.smallcaseAuthId === 'string';
}
