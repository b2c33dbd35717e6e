// The redirect hop's one-time ids in Redis, so an id minted by one platform instance finishes on another.
// Takes a client of `redis` (node-redis) or `ioredis` by shape, without depending on either: both send raw
// commands, node-redis as one array (`sendCommand`), ioredis as a name and its arguments (`call`).
import type { OneTimeStore } from '../one-time-store';

/** A client of the `redis` package (node-redis v4 and later). */
export interface NodeRedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** A client of the `ioredis` package (v5 and later). */
export interface IoRedisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

export type RedisStoreClient = NodeRedisClientLike | IoRedisClientLike;

export interface RedisStoreOptions {
  /** Put before every key this store writes, so it can share a database (default `'scdk:hop:'`). */
  prefix?: string;
  /**
   * Pending ids kept per group (gateway) at most (default 1,000). Past it, the group's entry closest to expiry
   * goes: a flood through one gateway only ever displaces that gateway's own ids, and a fresh one always fits.
   */
  maxPerGroup?: number;
}

const DEFAULT_PREFIX = 'scdk:hop:';
const DEFAULT_MAX_PER_GROUP = 1000;

/**
 * One round trip, atomic: SET NX PX, then the group's index (a sorted set scored by expiry, in Redis's own clock
 * so instances' clocks do not matter) loses its expired members, gains this one, and gives up its soonest-expiring
 * members past the bound, whose keys are deleted. The index lives as long as its longest entry.
 * KEYS: the id's key, the group's index. ARGV: value, ttl in ms, the bound. Returns 1 when stored, 0 when the key exists.
 * It touches evicted keys it was not passed, so it needs a standalone Redis (or Sentinel), not a Cluster.
 */
const PUT_SCRIPT = `
local ttl = tonumber(ARGV[2])
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl, 'NX') then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], now + ttl, KEYS[1])
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if over > 0 then
  local evicted = redis.call('ZPOPMIN', KEYS[2], over)
  for i = 1, #evicted, 2 do redis.call('DEL', evicted[i]) end
end
if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
`;

/** A configuration mistake, thrown at startup like the kit's own (scdk/server: what, what it takes, what it got). */
const misconfigured = (what: string, expected: string, got: unknown) =>
  new Error(`scdk/server createRedisStore: ${what} must be ${expected}; got ${typeof got === 'number' || typeof got === 'string' ? JSON.stringify(got) : typeof got}.`);

const isIoRedis = (client: RedisStoreClient): client is IoRedisClientLike =>
  typeof (client as Partial<IoRedisClientLike>).call === 'function';

/** Sends one raw command through whichever client was given. */
function commandSender(client: RedisStoreClient): (args: string[]) => Promise<unknown> {
  if (isIoRedis(client)) return ([command, ...args]) => client.call(command as string, ...args);
  if (typeof (client as Partial<NodeRedisClientLike>).sendCommand === 'function') return (args) => client.sendCommand(args);
  throw misconfigured('client', 'a connected client of the redis (node-redis) or ioredis package', client);
}

/**
 * A OneTimeStore in Redis (6.2 or later, for GETDEL). The client stays the caller's: connect it before the
 * first request and close it on shutdown. A taken id leaves its index entry until that entry expires.
 */
export function createRedisStore(client: RedisStoreClient, options: RedisStoreOptions = {}): OneTimeStore {
  const { prefix = DEFAULT_PREFIX, maxPerGroup = DEFAULT_MAX_PER_GROUP } = options;
  if (typeof prefix !== 'string') throw misconfigured('prefix', 'a string', prefix);
  if (!Number.isInteger(maxPerGroup) || maxPerGroup < 1) throw misconfigured('maxPerGroup', 'a positive integer', maxPerGroup);
  const send = commandSender(client);
  // Ids and groups in separate namespaces, so no id can name a group's index.
  const idKey = (key: string) => `${prefix}id:${key}`;
  const groupKey = (group: string) => `${prefix}group:${group}`;

  return Object.freeze({
    async put(key: string, value: string, { ttlMs, group }: { ttlMs: number; group: string }): Promise<boolean> {
      if (!Number.isInteger(ttlMs) || ttlMs < 1) throw misconfigured('put() ttlMs', 'a positive integer of milliseconds', ttlMs);
      const stored = await send(['EVAL', PUT_SCRIPT, '2', idKey(key), groupKey(group), value, String(ttlMs), String(maxPerGroup)]);
      return Number(stored) === 1;
    },
    async take(key: string): Promise<string | undefined> {
      const value = await send(['GETDEL', idKey(key)]);
      return typeof value === 'string' ? value : undefined;
    },
  });
}
