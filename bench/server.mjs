#!/usr/bin/env node
// npm run bench:server: the platform half's figures. Reports, never asserts; bounded runs.
// - The one-time-id stores (memory, and Redis through node-redis and ioredis against a redis-server this
//   starts on loopback without persistence): put and take one at a time (median, p95), pairs/s with
//   concurrent callers.
// - Where the kit is in the tree (src/server/create-scdk-platform.ts): a session and a logout request through
//   fetch() and through the Node adapter on loopback (median, p95), session requests/s on one instance, and
//   redirect logouts through the hop per second, on one instance (memory store) and across two instances
//   sharing Redis (the form on one, the hop's POST on the other).
//
// Options (environment): BENCH_STORE_OPS (2000 timed operations per figure), BENCH_STORE_WARMUPS (200),
// BENCH_STORE_CONCURRENCY (50 concurrent callers for the per-second figures). Flag: --json prints JSON.
import * as esbuild from 'esbuild';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startRedisServer } from '../scripts/redis-server.mjs';
import { summarize } from './stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STORE_SOURCES = { memory: 'src/server/stores/memory-store.ts', redis: 'src/server/stores/redis-store.ts' };
/** The kit's entry; the request figures need it. */
const KIT_SOURCE = 'src/server/index.ts';
const KIT_MARKER = 'src/server/create-scdk-platform.ts';
const TTL_MS = 60_000;
const GROUP = 'bench';

const setting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number from 1; got ${process.env[name]}.`);
  return value;
};
const OPS = setting('BENCH_STORE_OPS', 2000);
const WARMUPS = setting('BENCH_STORE_WARMUPS', 200);
const CONCURRENCY = setting('BENCH_STORE_CONCURRENCY', 50);

/** The sources, bundled for Node into a temporary folder: the stores, and the kit where it is in the tree. */
async function loadSources() {
  const outdir = mkdtempSync(join(tmpdir(), 'scdk-bench-server-'));
  const sources = { ...STORE_SOURCES, ...(existsSync(join(ROOT, KIT_MARKER)) ? { kit: KIT_SOURCE } : {}) };
  try {
    await esbuild.build({
      entryPoints: Object.fromEntries(Object.entries(sources).map(([name, path]) => [name, join(ROOT, path)])),
      bundle: true, format: 'esm', platform: 'node', outdir, outExtension: { '.js': '.mjs' }, logLevel: 'error',
    });
    const modules = Object.fromEntries(await Promise.all(Object.keys(sources).map(async (name) =>
      [name, await import(pathToFileURL(join(outdir, `${name}.mjs`)).href)])));
    return { createMemoryStore: modules.memory.createMemoryStore, createRedisStore: modules.redis.createRedisStore, kit: modules.kit };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

let counter = 0;
const nextKey = () => `bench-${process.pid}-${counter++}`;

/** Timed put then take of fresh keys, one at a time. */
async function latencies(store) {
  for (let i = 0; i < WARMUPS; i++) {
    const key = nextKey();
    await store.put(key, 'warmup', { ttlMs: TTL_MS, group: GROUP });
    await store.take(key);
  }
  const put = [];
  const take = [];
  for (let i = 0; i < OPS; i++) {
    const key = nextKey();
    let start = performance.now();
    await store.put(key, 'pending logout', { ttlMs: TTL_MS, group: GROUP });
    put.push(performance.now() - start);
    start = performance.now();
    await store.take(key);
    take.push(performance.now() - start);
  }
  return { put: summarize(put), take: summarize(take) };
}

/** put+take pairs per second with CONCURRENCY callers, each doing its share of OPS pairs. */
async function throughput(store) {
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, caller) => {
    for (let i = caller; i < OPS; i += CONCURRENCY) {
      const key = nextKey();
      await store.put(key, 'pending logout', { ttlMs: TTL_MS, group: GROUP });
      await store.take(key);
    }
  }));
  return Math.round(OPS / ((performance.now() - start) / 1000));
}

// The request figures: a kit with a platform of a few lines (one fixed session; logout clears one cookie).
const BENCH_SECRET = 'scdk-bench-only-secret';
const PARTNER = 'https://partner.bench.invalid';
const GATEWAY = { name: 'bench', secret: BENCH_SECRET, partnerOrigins: [PARTNER], returnTo: [`${PARTNER}/`], broker: 'Bench Broker' };
const HOP_ID = /name="logout" value="([^"]+)"/;

function benchToken() {
  const now = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ smallcaseAuthId: 'bench-user', iat: now, exp: now + 600 })}`;
  return `${input}.${createHmac('sha256', BENCH_SECRET).update(input).digest('base64url')}`;
}

function createBenchKit(kit, publicOrigin, store) {
  return kit.createScdkPlatform({
    publicOrigin,
    gateways: [GATEWAY],
    // Lax, so a redirect logout takes the hop and its one-time id goes through the store.
    sessionCookie: { sameSite: 'Lax', path: '/' },
    runtimeScript: '/* bench */',
    ...(store ? { store } : {}),
    hooks: {
      readSession: () => ({ accountId: 'AB1234', smallcaseAuthId: 'bench-user', loggedInAt: Date.now() }),
      endSession: () => ({ hadSession: true, setCookie: ['sid=; Path=/; Max-Age=0'] }),
    },
  });
}

/** A kit on a loopback port through its Node adapter, answering for `publicOrigin` (default: its own origin). */
async function startKitServer(kit, store, publicOrigin) {
  let handler;
  const server = createServer((req, res) => void handler(req, res, () => res.writeHead(404).end()));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  handler = createBenchKit(kit, publicOrigin ?? origin, store).node;
  const close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });
  return { origin, publicOrigin: publicOrigin ?? origin, close };
}

const apiInit = (publicOrigin, token) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: publicOrigin, 'sec-fetch-site': 'same-origin' },
  body: JSON.stringify({ gateway: GATEWAY.name, token }),
});

/** Median and p95 of `call`, one at a time, after the warm-ups; counts answers other than `status`. */
async function timed(call, status) {
  let unexpected = 0;
  for (let i = 0; i < WARMUPS; i++) await call();
  const samples = [];
  for (let i = 0; i < OPS; i++) {
    const start = performance.now();
    const response = await call();
    samples.push(performance.now() - start);
    if (response.status !== status) unexpected += 1;
    await response.arrayBuffer?.();
  }
  return { ...summarize(samples), unexpected };
}

/** Completed calls per second with CONCURRENCY callers sharing `count` calls; counts those that did not succeed. */
async function perSecond(count, call) {
  let failed = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, caller) => {
    for (let i = caller; i < count; i += CONCURRENCY) if (!(await call())) failed += 1;
  }));
  return { perSecond: Math.round(count / ((performance.now() - start) / 1000)), failed };
}

/** One redirect logout through the hop: the partner's form on `minting`, the hop page's POST on `finishing`. */
async function hopLogout(minting, finishing) {
  const form = await fetch(`${minting.origin}/scdk/v1/logout-redirect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PARTNER, 'sec-fetch-site': 'cross-site' },
    body: new URLSearchParams({ gateway: GATEWAY.name, token: benchToken(), returnTo: `${PARTNER}/`, state: 'bench' }).toString(),
    redirect: 'manual',
  });
  const id = HOP_ID.exec(await form.text())?.[1];
  if (!id) return false;
  const finished = await fetch(`${finishing.origin}/scdk/v1/logout-redirect/finish`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: minting.publicOrigin, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ logout: id }).toString(),
    redirect: 'manual',
  });
  await finished.arrayBuffer();
  return finished.status === 303;
}

async function measureRequests(kit, redisStore) {
  const token = benchToken();
  const direct = createBenchKit(kit, 'https://platform.bench.invalid');
  const viaFetch = (path) => () => direct.fetch(new Request(`https://platform.bench.invalid${path}`, apiInit('https://platform.bench.invalid', token)));
  const single = await startKitServer(kit);
  const first = await startKitServer(kit, redisStore);
  const second = await startKitServer(kit, redisStore, first.publicOrigin);
  try {
    const viaNode = (path) => () => fetch(`${single.origin}${path}`, apiInit(single.publicOrigin, token));
    const latency = {
      'session, fetch()': await timed(viaFetch('/scdk/v1/session'), 200),
      'logout, fetch()': await timed(viaFetch('/scdk/v1/logout'), 200),
      'session, node:http': await timed(viaNode('/scdk/v1/session'), 200),
      'logout, node:http': await timed(viaNode('/scdk/v1/logout'), 200),
    };
    const sessionCall = viaNode('/scdk/v1/session');
    const throughput = {
      'session requests, one instance': await perSecond(OPS, async () => {
        const response = await sessionCall();
        await response.arrayBuffer();
        return response.status === 200;
      }),
      'redirect logouts through the hop, one instance (memory store)': await perSecond(Math.ceil(OPS / 4), () => hopLogout(single, single)),
      'redirect logouts through the hop, two instances sharing Redis': await perSecond(Math.ceil(OPS / 4), () => hopLogout(first, second)),
    };
    return { latency, throughput };
  } finally {
    await Promise.all([single.close(), first.close(), second.close()]);
  }
}

const round = (value) => (value === null || value === undefined ? null : Math.round(value * 1000) / 1000);

async function main() {
  const { createMemoryStore, createRedisStore, kit } = await loadSources();
  const redis = await startRedisServer();
  const nodeRedis = createClient({ url: redis.url });
  const ioRedis = new Redis({ host: redis.host, port: redis.port, lazyConnect: true });
  try {
    await nodeRedis.connect();
    await ioRedis.connect();
    const stores = {
      memory: createMemoryStore(),
      'redis (node-redis)': createRedisStore(nodeRedis, { prefix: 'bench:node-redis:' }),
      'redis (ioredis)': createRedisStore(ioRedis, { prefix: 'bench:ioredis:' }),
    };
    const rows = [];
    for (const [name, store] of Object.entries(stores)) {
      const { put, take } = await latencies(store);
      rows.push({ store: name, put, take, pairsPerSecond: await throughput(store) });
    }
    const requests = kit ? await measureRequests(kit, createRedisStore(nodeRedis, { prefix: 'bench:requests:' })) : null;
    const result = {
      date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg().map(round),
      ops: OPS, warmups: WARMUPS, concurrency: CONCURRENCY, rows, requests,
    };
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    console.log(`One-time-id stores: ${OPS} put+take pairs each after ${WARMUPS} warm-ups; ms; loopback redis-server; ` +
      `load ${result.loadavg.join(' ')} on ${result.cpus} CPUs`);
    console.log('store                 put median  put p95  take median  take p95  pairs/s (' + CONCURRENCY + ' callers)');
    for (const { store, put, take, pairsPerSecond } of rows) {
      console.log(`${store.padEnd(20)}  ${String(round(put.median)).padStart(10)}  ${String(round(put.p95)).padStart(7)}  ` +
        `${String(round(take.median)).padStart(11)}  ${String(round(take.p95)).padStart(8)}  ${String(pairsPerSecond).padStart(7)}`);
    }
    if (!requests) {
      console.log(`\nRequest figures: not measured, the kit (${KIT_MARKER}) is not in this tree.`);
      return;
    }
    console.log(`\nRequests: ${OPS} each after ${WARMUPS} warm-ups, one at a time; ms (node:http: loopback, keep-alive)`);
    for (const [what, { median, p95, unexpected }] of Object.entries(requests.latency)) {
      console.log(`${what.padEnd(22)}  median ${String(round(median)).padStart(7)}  p95 ${String(round(p95)).padStart(7)}${unexpected ? `  (${unexpected} unexpected answers)` : ''}`);
    }
    console.log(`Per second, ${CONCURRENCY} concurrent callers on loopback:`);
    for (const [what, { perSecond: rate, failed }] of Object.entries(requests.throughput)) {
      console.log(`${what.padEnd(64)}  ${String(rate).padStart(6)}/s${failed ? `  (${failed} failed)` : ''}`);
    }
  } finally {
    await nodeRedis.close().catch(() => {});
    await ioRedis.quit().catch(() => {});
    await redis.stop();
  }
}

await main();
