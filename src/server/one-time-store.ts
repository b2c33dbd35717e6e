// The redirect hop's one-time ids live behind this interface, so several platform instances can share them
// (a store on Redis) while one instance keeps them in memory (stores/memory-store.ts).
export interface OneTimeStore {
  /** Keeps value under key for ttlMs, never overwriting; resolves false when the key already exists. group (the gateway
   *  name) lets a store bound its entries per gateway, so one partner's flood cannot evict another's ids. */
  put(key: string, value: string, options: { ttlMs: number; group: string }): Promise<boolean>;
  /** Reads and deletes atomically; undefined when absent or expired. */
  take(key: string): Promise<string | undefined>;
}
