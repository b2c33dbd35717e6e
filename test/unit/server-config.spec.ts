// createScdkPlatform refuses a config that would break the protocol, when the platform starts.
import { expect, test } from '@playwright/test';
import { createTestPlatform, GATEWAY } from './server-fixtures';

test('a leeway under 30 s throws (the SDK allows 30 s); 30 and more are taken', () => {
  expect(() => createTestPlatform({ leewaySeconds: 29 })).toThrow(/leewaySeconds must be at least 30/);
  expect(() => createTestPlatform({ leewaySeconds: Number.NaN })).toThrow(/leewaySeconds/);
  expect(() => createTestPlatform({ leewaySeconds: 30 })).not.toThrow();
  expect(() => createTestPlatform({ leewaySeconds: 120 })).not.toThrow();
});

test('publicOrigin must be an exact origin', () => {
  for (const publicOrigin of ['https://platform.example/', 'https://platform.example/app', 'platform.example', '']) {
    expect(() => createTestPlatform({ publicOrigin }), publicOrigin).toThrow(/publicOrigin/);
  }
});

test('the declared session cookie is checked against the API paths, as startBridge does', () => {
  expect(() => createTestPlatform({ sessionCookie: { sameSite: 'None', path: '/account' } })).toThrow(/sessionCookie\.path/);
  expect(() => createTestPlatform({ sessionCookie: { sameSite: 'None', domain: 'other.example' } })).toThrow(/sessionCookie\.domain/);
  expect(() => createTestPlatform({ sessionCookie: { sameSite: 'Lax', domain: 'example' } })).not.toThrow();
  expect(() => createTestPlatform({ sessionCookie: { sameSite: 'Sometimes' as 'Lax' } })).toThrow(/sameSite/);
});

test('a gateway list is checked at once: exact origins, returnTo on them, a secret, no duplicate', () => {
  const bad = [
    { ...GATEWAY, partnerOrigins: ['https://partner.example/'] },
    { ...GATEWAY, partnerOrigins: ['https://partner.example/app'] },
    { ...GATEWAY, partnerOrigins: ['*'] },
    { ...GATEWAY, returnTo: ['https://elsewhere.example/'] },
    { ...GATEWAY, returnTo: ['https://u:p@partner.example/'] },
    { ...GATEWAY, secret: '' },
    { ...GATEWAY, secret: [] },
    { ...GATEWAY, name: 'bad name' },
  ];
  for (const gateway of bad) expect(() => createTestPlatform({ gateways: [gateway] }), JSON.stringify(gateway)).toThrow(/scdk\/server: gateway/);
  expect(() => createTestPlatform({ gateways: [GATEWAY, GATEWAY] })).toThrow(/registered twice/);
});

test('the read and end hooks are required', () => {
  expect(() => createTestPlatform({ hooks: { readSession: () => null } as never })).toThrow(/hooks\.readSession and hooks\.endSession/);
});
