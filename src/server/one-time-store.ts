export interface OneTimeStore {
  /** Keeps value under key for ttlMs, never overwriting; resolves false when the key already exists. group (the gateway
   *  name) lets a store bound its entries per gateway, so one partner's flood cannot evict another's ids. */
  put(key: string, value: string, options: { ttlMs: number; group: string }): Promise<boolean>;
  /** Reads and deletes atomically; undefined when absent or expired. */
  take(key: string): Promise<string | undefined>;
}
