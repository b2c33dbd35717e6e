import type { OneTimeStore } from '../one-time-store';

/** Entries kept per group (gateway) at most: past it, that group's oldest entry goes. */
export const DEFAULT_MAX_PER_GROUP = 1000;

interface Entry {
  value: string;
  group: string;
  expiresAt: number;
}

export interface MemoryStoreOptions {
  /** Entries kept per group at most (default 1000); the oldest of the group is dropped for a new one. */
  maxPerGroup?: number;
  /** The clock, in epoch milliseconds (tests). */
  now?: () => number;
}

/**
 * A bounded in-memory OneTimeStore for a platform that runs one instance. Entries expire lazily: each put
 * sweeps its group, so an idle store holds at most `maxPerGroup` entries per gateway and no timer.
 */
export function createMemoryStore({ maxPerGroup = DEFAULT_MAX_PER_GROUP, now = Date.now }: MemoryStoreOptions = {}): OneTimeStore {
  if (!Number.isInteger(maxPerGroup) || maxPerGroup < 1) {
    throw new Error(`scdk/server createMemoryStore: maxPerGroup must be a positive integer; got ${String(maxPerGroup)}.`);
  }
  const entries = new Map<string, Entry>();
  /** Per group, its keys in insertion order (a Set keeps it), so eviction never touches another group. */
  const groups = new Map<string, Set<string>>();

  const remove = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    const keys = groups.get(entry.group);
    keys?.delete(key);
    if (keys?.size === 0) groups.delete(entry.group);
    return entry;
  };

  const sweep = (group: string): void => {
    const keys = groups.get(group);
    if (!keys) return;
    for (const key of [...keys]) if (entries.get(key)!.expiresAt <= now()) remove(key);
  };

  return Object.freeze({
    async put(key: string, value: string, { ttlMs, group }: { ttlMs: number; group: string }): Promise<boolean> {
      sweep(group);
      const existing = entries.get(key);
      if (existing && existing.expiresAt > now()) return false;
      if (existing) remove(key);
      let keys = groups.get(group);
      if (!keys) groups.set(group, (keys = new Set()));
      while (keys.size >= maxPerGroup) remove(keys.values().next().value as string);
      if (!groups.has(group)) groups.set(group, keys);
      entries.set(key, { value, group, expiresAt: now() + ttlMs });
      keys.add(key);
      return true;
    },
    async take(key: string): Promise<string | undefined> {
      const entry = remove(key);
      return entry && entry.expiresAt > now() ? entry.value : undefined;
    },
  });
}
