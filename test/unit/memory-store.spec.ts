// The one-time-id store scdk/server uses by default: once, never overwritten, expiring, bounded per gateway.
import { expect, test } from '@playwright/test';
import { createMemoryStore } from '../../src/server/index';

const TTL = { ttlMs: 1000, group: 'demo' };

test('a value is taken once, and put never overwrites a live key', async () => {
  const store = createMemoryStore();
  expect(await store.put('k', 'first', TTL)).toBe(true);
  expect(await store.put('k', 'second', TTL)).toBe(false);
  expect(await store.take('k')).toBe('first');
  expect(await store.take('k')).toBeUndefined();
  expect(await store.take('never-put')).toBeUndefined();
});

test('an expired value is gone, and its key can be put again', async () => {
  let now = 0;
  const store = createMemoryStore({ now: () => now });
  await store.put('k', 'v', TTL);
  now = 1000;
  expect(await store.take('k')).toBeUndefined();
  await store.put('k', 'v', TTL);
  now = 1500;
  expect(await store.put('k', 'w', TTL)).toBe(false);
  now = 2000;
  expect(await store.put('k', 'w', TTL)).toBe(true);
  expect(await store.take('k')).toBe('w');
});

test('the bound is per group: a flood through one gateway evicts only its own oldest ids', async () => {
  const store = createMemoryStore({ maxPerGroup: 3 });
  await store.put('other', 'kept', { ttlMs: 1000, group: 'partner-b' });
  for (const key of ['a', 'b', 'c', 'd', 'e']) await store.put(key, key, TTL);
  expect(await store.take('a')).toBeUndefined();
  expect(await store.take('b')).toBeUndefined();
  expect(await store.take('e')).toBe('e');
  expect(await store.take('other')).toBe('kept');
});

test('maxPerGroup must be a positive integer', () => {
  expect(() => createMemoryStore({ maxPerGroup: 0 })).toThrow(/maxPerGroup/);
});
