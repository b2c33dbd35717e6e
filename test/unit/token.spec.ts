import { expect, test } from '@playwright/test';
import { CLOCK_LEEWAY_IN_SECONDS, assertConnected, decodeToken } from '../../src/sdk/token';
import { ScdkError } from '../../src/shared/scdk-error';
import { fakeJwt, nowSeconds } from './jwt-fixtures';

/** An exp an hour away: the tests below are about other claims. */
const inAnHour = () => nowSeconds() + 3600;

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScdkError);
    return (error as ScdkError).code;
  }
  return undefined;
}

test('decodes a connected token', () => {
  const claims = decodeToken(fakeJwt({ smallcaseAuthId: 'user-1', iat: 1, exp: nowSeconds() + 60 }));
  expect(claims.smallcaseAuthId).toBe('user-1');
  expect(claims.guest).toBe(false);
});

test('decodes a guest token', () => {
  expect(decodeToken(fakeJwt({ guest: true, exp: inAnHour() })).guest).toBe(true);
});

test('decodes UTF-8 payloads', () => {
  expect(decodeToken(fakeJwt({ smallcaseAuthId: 'उपयोगकर्ता', exp: inAnHour() })).smallcaseAuthId).toBe('उपयोगकर्ता');
});

test('rejects what is not a decodable JWT with 4002', () => {
  const bad: unknown[] = [
    undefined,
    '',
    42,
    'not-a-jwt',
    'a.b',
    'a.b.c.d',
    '%%%.###.sig',
    `${Buffer.from('{').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.x`,
    fakeJwt([1, 2]),
    fakeJwt('string payload'),
    fakeJwt({ smallcaseAuthId: 'u', exp: inAnHour() }, { typ: 'JWT' }),
    fakeJwt({ exp: inAnHour() }),
    fakeJwt({ smallcaseAuthId: '', exp: inAnHour() }),
    fakeJwt({ smallcaseAuthId: 'u', exp: 'tomorrow' }),
    'x'.repeat(9000),
  ];
  for (const token of bad) expect(codeOf(() => decodeToken(token)), String(token).slice(0, 40)).toBe(4002);
});

test('a guest is not connected (4004), an expired token is 4003, leeway is honoured', () => {
  const now = Date.now();
  expect(codeOf(() => assertConnected(decodeToken(fakeJwt({ guest: true, exp: inAnHour() })), now))).toBe(4004);
  const expired = decodeToken(fakeJwt({ smallcaseAuthId: 'u', exp: nowSeconds() - CLOCK_LEEWAY_IN_SECONDS - 5 }));
  expect(codeOf(() => assertConnected(expired, now))).toBe(4003);
  const withinLeeway = decodeToken(fakeJwt({ smallcaseAuthId: 'u', exp: nowSeconds() - 5 }));
  expect(codeOf(() => assertConnected(withinLeeway, now))).toBeUndefined();
});

test('a token without a numeric exp is refused with 4002 at decoding, guest or connected, saying to add exp', () => {
  const withPayload = (json: string) => `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(json).toString('base64url')}.c2lnbmF0dXJl`;
  const noExp: unknown[] = [
    fakeJwt({ smallcaseAuthId: 'u' }),
    fakeJwt({ guest: true }),
    fakeJwt({ smallcaseAuthId: 'u', exp: null }),
    fakeJwt({ smallcaseAuthId: 'u', exp: String(inAnHour()) }),
    fakeJwt({ smallcaseAuthId: 'u', exp: [inAnHour()] }),
    // JSON.parse reads 1e400 as Infinity: not a time.
    withPayload('{"smallcaseAuthId":"u","exp":1e400}'),
  ];
  for (const token of noExp) {
    let error: unknown;
    try {
      decodeToken(token);
    } catch (caught) {
      error = caught;
    }
    expect(error, String(token)).toBeInstanceOf(ScdkError);
    expect((error as ScdkError).code).toBe(4002);
    expect((error as ScdkError).detail).toBe('smallcaseAuthToken has no numeric exp claim: sign it with exp (seconds since the epoch).');
  }
});

test('an exp beyond the dates JavaScript holds is still a typed 4003, not a RangeError', () => {
  const claims = decodeToken(fakeJwt({ smallcaseAuthId: 'u', exp: -1e300 }));
  expect(codeOf(() => assertConnected(claims, Date.now()))).toBe(4003);
});
