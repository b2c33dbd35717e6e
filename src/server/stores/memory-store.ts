// One process's one-time ids. Stand-in for issue 23's memory store on this branch (the kit's own replaces
// it on merge): enough to run the store contract against. Bounded per group, like the Redis store.
import type { OneTimeStore } from '../one-time-store';

export interface MemoryStoreOptions {
  /** Pending ids kept per group (gateway) at most (default 1,000); past it the group's oldest goes. */
  maxPerGroup?: number;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

const DEFAULT_MAX_PER_GROUP = 1000;

interface Entry {
  value: string;
  expiresAt: number;
  group: string;
}

export function createMemoryStore({ maxPerGroup = DEFAULT_MAX_PER_GROUP, now = Date.now }: MemoryStoreOptions = {}): OneTimeStore {
  const entries = new Map<string, Entry>();
  // Per group, its keys in insertion order (a Set keeps it), so eviction stays inside the group.
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
  const sweep = (keys: Set<string>) => {
    for (const key of keys) if ((entries.get(key)?.expiresAt ?? 0) <= now()) remove(key);
  };

  return Object.freeze({
    async put(key: string, value: string, { ttlMs, group }: { ttlMs: number; group: string }): Promise<boolean> {
      const existing = entries.get(key);
      if (existing && existing.expiresAt > now()) return false;
      if (existing) remove(key);
      const keys = groups.get(group) ?? new Set<string>();
      sweep(keys);
      while (keys.size >= maxPerGroup) remove(keys.values().next().value as string);
      // Set after the sweep, which drops a group it empties.
      groups.set(group, keys.add(key));
      entries.set(key, { value, expiresAt: now() + ttlMs, group });
      return true;
    },
    async take(key: string): Promise<string | undefined> {
      const entry = remove(key);
      return entry && entry.expiresAt > now() ? entry.value : undefined;
    },
  });
}
