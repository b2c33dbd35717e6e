import { ScdkError } from '../shared/scdk-error';
import { isRecord } from '../shared/is-record';

/**
 * Tolerated clock skew between the partner's server (which set `exp`) and the user's device. Never more
 * than the platform allows (the mock platform: 30 s, demo/shared/jwt.mjs): a token expired between the two
 * would be sent, and refused by the platform after a request instead of with 4003 before any.
 * test/unit/token-agreement.spec.ts pins it.
 */
export const CLOCK_LEEWAY_IN_SECONDS = 30;

export interface TokenClaims {
  smallcaseAuthId?: string;
  guest?: boolean;
  /** Required, as the platform requires it: a token without exp would never expire. */
  exp: number;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_LENGTH = 8192;

function decodeSegment(segment: string): unknown {
  // atob takes unpadded base64 (the HTML spec's forgiving-base64 decode), so only the alphabet changes.
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Where a token came from, as its errors name it. */
export type TokenOrigin = 'smallcaseAuthToken' | 'setToken(token)' | 'config.getToken()';

/**
 * Decodes (does not verify: only the platform holds the secret) the partner's JWT, or throws 4002 naming
 * `origin`, the option or call it came from.
 */
export function decodeToken(token: unknown, origin: TokenOrigin = 'smallcaseAuthToken'): TokenClaims {
  const invalid = (why: string, fix = 'pass the JWT your backend signed with the gateway secret'): ScdkError =>
    new ScdkError(4002, `${origin === 'config.getToken()' ? 'The token of config.getToken()' : origin} ${why}: ${fix}.`);
  if (!token) throw invalid('is missing');
  const notJwt = () => invalid('is not a decodable JWT');
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) throw notJwt();
  const [header, payload] = token.split('.');
  let decodedHeader: unknown;
  let claims: unknown;
  try {
    decodedHeader = decodeSegment(header);
    claims = decodeSegment(payload);
  } catch {
    throw notJwt();
  }
  // A header with an `alg`, and a JSON object payload.
  if (typeof (decodedHeader as { alg?: unknown } | null)?.alg !== 'string' || !isRecord(claims)) {
    throw notJwt();
  }
  const { smallcaseAuthId, guest, exp } = claims;
  const isConnected = typeof smallcaseAuthId === 'string' && smallcaseAuthId.length > 0;
  if (!isConnected && guest !== true) throw invalid('needs smallcaseAuthId or guest: true');
  // The platform refuses a token without a numeric exp (4002), guest or not: refuse it here, before any request.
  if (typeof exp !== 'number' || !isFinite(exp)) throw invalid('has no numeric exp claim', 'sign it with exp (seconds since the epoch)');
  return {
    smallcaseAuthId: isConnected ? (smallcaseAuthId as string) : undefined,
    // As the platform reads it: a token that also says guest is a guest's (4004), whoever it names.
    guest: guest === true,
    exp,
  };
}

/** Whether the platform would refuse `claims` as expired at `nowMs` (after the clock leeway). */
export const isExpired = (claims: TokenClaims, nowMs: number): boolean => claims.exp + CLOCK_LEEWAY_IN_SECONDS < nowMs / 1000;

/** Throws 4004 for a guest and 4003 for an expired token; both checked before any network or iframe work. */
export function assertConnected(claims: TokenClaims, nowMs: number): void {
  if (claims.guest || !claims.smallcaseAuthId) {
    throw new ScdkError(4004, "smallcaseAuthToken is a guest's: sign one with the user's smallcaseAuthId.");
  }
  if (isExpired(claims, nowMs)) {
    // toJSON is null where toISOString would throw a RangeError: an exp beyond the dates JavaScript holds.
    throw new ScdkError(4003, `smallcaseAuthToken expired at ${new Date(claims.exp * 1000).toJSON() ?? claims.exp}. Fetch a fresh token.`);
  }
}
