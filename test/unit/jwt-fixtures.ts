// Unsigned-looking JWTs for pure decoding tests: the SDK decodes, only the platform verifies.
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function fakeJwt(payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  return `${base64url(header)}.${base64url(payload)}.c2lnbmF0dXJl`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
