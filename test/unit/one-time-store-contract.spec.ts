// The contract every OneTimeStore passes: the memory store, and the Redis store through both clients against
// a real redis-server this file starts (on a free loopback port, no persistence) and stops. A missing
// redis-server fails the Redis cases with a message saying how to install it: never a silent skip.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { OneTimeStore } from '../../src/server/one-time-store';
import { createMemoryStore } from '../../src/server/stores/memory-store';
import { createRedisStore, type RedisStoreClient } from '../../src/server/stores/redis-store';
import { startRedisServer } from '../../scripts/redis-server.mjs';

/** Long enough that nothing expires while a case runs, on a busy machine too. */
const LIVE_TTL_MS = 60_000;
/** Short, so expiry is observed quickly; the cases wait for it by polling, never by a fixed sleep. */
const SHORT_TTL_MS = 100;
const EXPIRY_POLL_TIMEOUT_MS = 10_000;
const SMALL_BOUND = 5;
const CONCURRENT_CALLS = 20;

/** Makes a fresh store (its own key space) holding at most `maxPerGroup` ids per group. */
type StoreFactory = (maxPerGroup?: number) => OneTimeStore;

function storeContract(name: string, factory: () => StoreFactory) {
  test.describe(name, () => {
    const key = () => randomUUID();
    const options = (group = 'gateway-a', ttlMs = LIVE_TTL_MS) => ({ ttlMs, group });

    test('put then take gives the value back, and a second take gives nothing', async () => {
      const store = factory()();
      const id = key();
      expect(await store.put(id, 'pending logout', options())).toBe(true);
      expect(await store.take(id)).toBe('pending logout');
      expect(await store.take(id)).toBeUndefined();
      expect(await store.take(key())).toBeUndefined();
    });

    test('put never overwrites: the second put resolves false and the first value stays', async () => {
      const store = factory()();
      const id = key();
      expect(await store.put(id, 'first', options())).toBe(true);
      expect(await store.put(id, 'second', options('gateway-b'))).toBe(false);
      expect(await store.take(id)).toBe('first');
    });

    test('concurrent puts of one key: exactly one wins', async () => {
      const store = factory()();
      const id = key();
      const results = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, (_, i) => store.put(id, `value ${i}`, options())));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.take(id)).toBe(`value ${results.indexOf(true)}`);
    });

    test('take is once: of concurrent takes, exactly one gets the value', async () => {
      const store = factory()();
      const id = key();
      await store.put(id, 'once', options());
      const taken = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => store.take(id)));
      expect(taken.filter((value) => value !== undefined)).toEqual(['once']);
    });

    test('an id expires after its TTL: put may then reuse the key, and take finds nothing', async () => {
      const store = factory()();
      const earlier = key();
      const later = key();
      expect(await store.put(earlier, 'earlier', options('gateway-a', SHORT_TTL_MS))).toBe(true);
      expect(await store.put(later, 'later', options('gateway-a', SHORT_TTL_MS))).toBe(true);
      // A put on a live key is refused, so the first accepted put marks `later`'s expiry without consuming it.
      await expect.poll(() => store.put(later, 'renewed', options()), { timeout: EXPIRY_POLL_TIMEOUT_MS }).toBe(true);
      // `earlier` was put first with the same TTL, so it expired no later than `later`.
      expect(await store.take(earlier)).toBeUndefined();
      expect(await store.take(later)).toBe('renewed');
    });

    test('a flood in one group keeps that group bounded and cannot evict another group\'s id', async () => {
      const store = factory()(SMALL_BOUND);
      const victim = key();
      await store.put(victim, 'other partner\'s user', options('gateway-b'));
      const flood = Array.from({ length: SMALL_BOUND * 4 }, () => key());
      for (const id of flood) await store.put(id, 'flood', options('gateway-a'));
      expect(await store.take(victim)).toBe('other partner\'s user');
      const left = (await Promise.all(flood.map((id) => store.take(id)))).filter((value) => value !== undefined);
      expect(left.length).toBeGreaterThan(0);
      expect(left.length).toBeLessThanOrEqual(SMALL_BOUND);
    });
  });
}

storeContract('the memory store', () => (maxPerGroup) => createMemoryStore({ maxPerGroup }));

test.describe('the Redis store', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  let nodeRedis: ReturnType<typeof createClient> | undefined;
  let ioRedis: Redis | undefined;

  test.beforeAll(async () => {
    redis = await startRedisServer();
    nodeRedis = createClient({ url: redis.url });
    await nodeRedis.connect();
    ioRedis = new Redis({ host: redis.host, port: redis.port, lazyConnect: true, maxRetriesPerRequest: 1 });
    await ioRedis.connect();
  });

  test.afterAll(async () => {
    await nodeRedis?.close();
    await ioRedis?.quit();
    await redis?.stop();
  });

  // Each store gets a key prefix of its own, so the cases share the server without seeing each other's keys.
  const redisFactory = (client: () => RedisStoreClient | undefined) => () => (maxPerGroup?: number) =>
    createRedisStore(client() as RedisStoreClient, { prefix: `scdk:test:${randomUUID()}:`, ...(maxPerGroup ? { maxPerGroup } : {}) });

  storeContract('through node-redis (the redis package)', redisFactory(() => nodeRedis));
  storeContract('through ioredis', redisFactory(() => ioRedis));

  test('an id put through one client is taken through the other, once (two instances sharing one Redis)', async () => {
    const prefix = `scdk:test:${randomUUID()}:`;
    const minting = createRedisStore(nodeRedis as RedisStoreClient, { prefix });
    const finishing = createRedisStore(ioRedis as RedisStoreClient, { prefix });
    const id = randomUUID();
    expect(await minting.put(id, 'hop', { ttlMs: LIVE_TTL_MS, group: 'demo' })).toBe(true);
    expect(await finishing.take(id)).toBe('hop');
    expect(await minting.take(id)).toBeUndefined();
  });
});

test('createRedisStore refuses what is not a client, and a bound below 1, at startup', () => {
  const thrown = (make: () => unknown): unknown => {
    try {
      make();
    } catch (error) {
      return error;
    }
    return undefined;
  };
  const client = { call: async () => null };
  expect(thrown(() => createRedisStore({} as RedisStoreClient))).toMatchObject({ message: /client must be a connected client of the redis \(node-redis\) or ioredis package; got object/ });
  expect(thrown(() => createRedisStore(client, { maxPerGroup: 0 }))).toMatchObject({ message: /maxPerGroup must be a positive integer; got 0/ });
  expect(thrown(() => createRedisStore(client))).toBeUndefined();
});
