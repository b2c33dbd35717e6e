// Test tokens for the conformance check, signed with WebCrypto (no runtime dependency): valid ones with the
// gateway secret, and the forgeries a platform must refuse (README "Token format").

/** How long a test token is valid. */
export const TOKEN_LIFETIME_S = 300;
/** The user every test token names. */
const TEST_USER = 'scdk-conformance-user';

export type TestAlgorithm = 'HS256' | 'HS384' | 'RS256' | 'none';

const encoder = new TextEncoder();
const HMAC_HASH = { HS256: 'SHA-256', HS384: 'SHA-384' } as const;
const RSA_KEY = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

export const base64url = (bytes: Uint8Array): string =>
  btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const jsonSegment = (value: unknown): string => base64url(encoder.encode(JSON.stringify(value)));

async function signature(algorithm: TestAlgorithm, signingInput: string, secret: string): Promise<string> {
  const data = encoder.encode(signingInput);
  if (algorithm === 'none') return '';
  if (algorithm === 'RS256') {
    // A key of its own: a platform that accepts it accepts any RS256 token anyone signs.
    const keys = (await crypto.subtle.generateKey(RSA_KEY, false, ['sign', 'verify'])) as CryptoKeyPair;
    return base64url(new Uint8Array(await crypto.subtle.sign(RSA_KEY.name, keys.privateKey, data)));
  }
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: HMAC_HASH[algorithm] }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, data)));
}

/** A compact JWT of `claims`, its header naming `algorithm`, signed with `secret` (HS*) or a throwaway key (RS256). */
export async function signTestToken(claims: Record<string, unknown>, secret: string, algorithm: TestAlgorithm = 'HS256'): Promise<string> {
  const signingInput = `${jsonSegment({ alg: algorithm, typ: 'JWT' })}.${jsonSegment(claims)}`;
  return `${signingInput}.${await signature(algorithm, signingInput, secret)}`;
}

/** `token` with its payload replaced by `claims`, the signature kept: a tampered token. */
export function withPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signed] = token.split('.');
  return `${header}.${jsonSegment(claims)}.${signed}`;
}

/** A connected user's claims issued at `now` (seconds), with `claims` over them. */
export const connectedClaims = (now: number, claims: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ smallcaseAuthId: TEST_USER, iat: now, exp: now + TOKEN_LIFETIME_S, ...claims });
