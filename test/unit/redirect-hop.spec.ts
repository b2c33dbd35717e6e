import { expect, test } from '@playwright/test';
import { createPendingLogouts } from '../../demo/platform/redirect-hop.mjs';

// The mock platform's redirect-logout hop (Lax or Strict session cookie): the one-time id its page posts
// back ends one logout, once, and only while fresh.

const LOGOUT = { returnTo: 'http://localhost:5173/done', state: 'abc' };
const FIVE_MINUTES_MS = 5 * 60 * 1000;

test('an id is taken once', () => {
  const pending = createPendingLogouts();
  const id = pending.add(LOGOUT);
  expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(pending.take(id)).toMatchObject(LOGOUT);
  expect(pending.take(id)).toBeUndefined();
});

test('unknown, malformed and expired ids are refused', () => {
  let now = 1_000;
  const pending = createPendingLogouts(() => now);
  const id = pending.add(LOGOUT);
  expect(pending.take('no-such-id')).toBeUndefined();
  expect(pending.take(null)).toBeUndefined();
  now += FIVE_MINUTES_MS;
  expect(pending.take(id)).toBeUndefined();
});
