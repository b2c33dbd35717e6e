import { errorPayload, type ErrorPayload } from '../shared/error-codes';

/** The least clock leeway the kit takes, and its default: the SDK allows 30 s and refuses later tokens itself. */
export const MIN_LEEWAY_IN_SECONDS = 30;
/** The longest token the kit reads; a longer one is refused (4002) before any HMAC. */
export const MAX_TOKEN_CHARS = 8192;
/** The only signing algorithm accepted. */
export const TOKEN_ALGORITHM = 'HS256';

const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;

export type VerifiedToken = { ok: true; payload: Record<string, unknown> } | ({ ok: false } & ErrorPayload);

const invalid = (detail: string): VerifiedToken => ({ ok: false, ...errorPayload(4002, detail) });

function bytesOf(segment: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64URL_SEGMENT.test(segment)) return undefined;
  try {
    const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function jsonObjectOf(segment: string): Record<string, unknown> | undefined {
  const bytes = bytesOf(segment);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function signatureMatches(signingInput: string, signature: Uint8Array<ArrayBuffer>, secret: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  // WebCrypto's verify compares in constant time.
  return crypto.subtle.verify('HMAC', key, signature, encoder.encode(signingInput));
}

/**
 * Verifies a compact HS256 JWT with any of `secrets`: length, shape, header `alg`, signature, then `exp`
 * (required; expired once `exp + leewaySeconds` is past). Errors use the SDK's table: 4002 or 4003.
 */
export async function verifyToken(
  token: unknown,
  secrets: readonly string[],
  { leewaySeconds = MIN_LEEWAY_IN_SECONDS, nowSeconds = Math.floor(Date.now() / 1000) }: { leewaySeconds?: number; nowSeconds?: number } = {},
): Promise<VerifiedToken> {
  if (typeof token !== 'string' || token.length === 0) {
    return invalid('The token is missing: pass the JWT your backend signed with the gateway secret.');
  }
  if (token.length > MAX_TOKEN_CHARS) {
    return invalid(`The token is ${token.length} characters long; at most ${MAX_TOKEN_CHARS} are accepted.`);
  }
  const parts = token.split('.');
  if (parts.length !== 3) {
    return invalid(`The token has ${parts.length} part(s); a JWT has three, separated by dots (header.payload.signature).`);
  }
  const [headerSegment, payloadSegment, signatureSegment] = parts as [string, string, string];
  const header = jsonObjectOf(headerSegment);
  if (!header) return invalid('The token header is not base64url-encoded JSON.');
  if (header.alg !== TOKEN_ALGORITHM) {
    return invalid(`The token header's alg is not ${TOKEN_ALGORITHM}; sign it with ${TOKEN_ALGORITHM} (HMAC-SHA256).`);
  }
  const signature = bytesOf(signatureSegment);
  let matched = false;
  if (signature) {
    for (const secret of secrets) {
      if (await signatureMatches(`${headerSegment}.${payloadSegment}`, signature, secret)) {
        matched = true;
        break;
      }
    }
  }
  if (!matched) return invalid("The token signature does not match: sign it with this gateway's secret.");
  const payload = jsonObjectOf(payloadSegment);
  if (!payload) return invalid('The token payload is not a base64url-encoded JSON object.');
  const { exp } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return invalid('The token has no numeric exp claim: add exp (seconds since the epoch) when signing it.');
  }
  if (exp + leewaySeconds < nowSeconds) {
    // toJSON is null, where toISOString would throw, for an exp beyond the dates JavaScript can hold.
    const expiredAt = new Date(exp * 1000).toJSON() ?? exp;
    return { ok: false, ...errorPayload(4003, `The token expired at ${expiredAt}: ask your backend for a fresh one.`) };
  }
  return { ok: true, payload };
}

/** The connected user a verified payload names, or undefined for a guest (or a payload with neither claim). */
export function connectedUserOf(payload: Record<string, unknown>): string | undefined {
  const { guest, smallcaseAuthId } = payload;
  return guest !== true && typeof smallcaseAuthId === 'string' && smallcaseAuthId.length > 0 ? smallcaseAuthId : undefined;
}
