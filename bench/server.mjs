#!/usr/bin/env node
// npm run bench:server: the platform half's figures. Reports, never asserts. Today: the one-time-id stores
// (memory, and Redis through node-redis and ioredis against a redis-server this starts on loopback without
// persistence), put and take one at a time (median, p95) and ops/s with concurrent callers, over bounded runs.
// The request figures (a session and a logout through fetch() and the Node adapter, one instance and two
// sharing Redis) join this file once the kit (scdk/server) is in.
//
// Options (environment): BENCH_STORE_OPS (2000 timed put+take pairs per store), BENCH_STORE_WARMUPS (200),
// BENCH_STORE_CONCURRENCY (50 callers for the ops/s figure). Flag: --json prints the result as JSON.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** The stores' TypeScript, bundled for Node into a temporary folder (the package's dist has no server entry yet). */
async function loadStores() {
  const outdir = mkdtempSync(join(tmpdir(), 'scdk-bench-server-'));
  try {
    await esbuild.build({
      entryPoints: Object.fromEntries(Object.entries(STORE_SOURCES).map(([name, path]) => [name, join(ROOT, path)])),
      bundle: true, format: 'esm', platform: 'node', outdir, outExtension: { '.js': '.mjs' }, logLevel: 'error',
    });
    const [memory, redis] = await Promise.all(['memory', 'redis'].map((name) => import(pathToFileURL(join(outdir, `${name}.mjs`)).href)));
    return { createMemoryStore: memory.createMemoryStore, createRedisStore: redis.createRedisStore };
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

const round = (value) => (value === null || value === undefined ? null : Math.round(value * 1000) / 1000);

async function main() {
  const { createMemoryStore, createRedisStore } = await loadStores();
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
    const result = {
      date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg().map(round),
      ops: OPS, warmups: WARMUPS, concurrency: CONCURRENCY, rows,
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
  } finally {
    await nodeRedis.close().catch(() => {});
    await ioRedis.quit().catch(() => {});
    await redis.stop();
  }
}

await main();
