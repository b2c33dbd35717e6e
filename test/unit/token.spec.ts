import { expect, test } from '@playwright/test';
import { CLOCK_LEEWAY_IN_SECONDS, assertConnected, decodeToken } from '../../src/sdk/token';
import { ScdkError } from '../../src/shared/scdk-error';
import { fakeJwt, nowSeconds } from './jwt-fixtures';

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
  expect(decodeToken(fakeJwt({ guest: true })).guest).toBe(true);
});

test('decodes UTF-8 payloads', () => {
  expect(decodeToken(fakeJwt({ smallcaseAuthId: 'उपयोगकर्ता' })).smallcaseAuthId).toBe('उपयोगकर्ता');
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
    fakeJwt({ smallcaseAuthId: 'u' }, { typ: 'JWT' }),
    fakeJwt({}),
    fakeJwt({ smallcaseAuthId: '' }),
    fakeJwt({ smallcaseAuthId: 'u', exp: 'tomorrow' }),
    'x'.repeat(9000),
  ];
  for (const token of bad) expect(codeOf(() => decodeToken(token)), String(token).slice(0, 40)).toBe(4002);
});

test('a guest is not connected (4004), an expired token is 4003, leeway is honoured', () => {
  const now = Date.now();
  expect(codeOf(() => assertConnected(decodeToken(fakeJwt({ guest: true })), now))).toBe(4004);
  const expired = decodeToken(fakeJwt({ smallcaseAuthId: 'u', exp: nowSeconds() - CLOCK_LEEWAY_IN_SECONDS - 5 }));
  expect(codeOf(() => assertConnected(expired, now))).toBe(4003);
  const withinLeeway = decodeToken(fakeJwt({ smallcaseAuthId: 'u', exp: nowSeconds() - 5 }));
  expect(codeOf(() => assertConnected(withinLeeway, now))).toBeUndefined();
});
