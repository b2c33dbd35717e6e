import type { StorageState } from '../shared/protocol';

/**
 * The last storage state a bridge reported for this partner page's origin and one platform origin, kept
 * in the partner origin's localStorage. It lets a click-driven `brokerLogout()` decide before anything
 * awaits: WebKit lets a click open a window only synchronously, so "connect first, then open the window"
 * fails there (5004). Every handshake corrects it. Only `'available'` or `'blocked'` is stored, never a
 * token or an account.
 */
const KEY_PREFIX = 'scdk:storage:';

/** What the last handshake with `platformOrigin` reported on this partner origin, if anything (or if storage is unusable). */
export function recallStorage(platformOrigin: string): StorageState | undefined {
  try {
    const value = localStorage.getItem(KEY_PREFIX + platformOrigin);
    return value === 'available' || value === 'blocked' ? value : undefined;
  } catch {
    return undefined; // storage disabled or sandboxed: nothing remembered
  }
}

export function rememberStorage(platformOrigin: string, state: StorageState): void {
  try {
    localStorage.setItem(KEY_PREFIX + platformOrigin, state);
  } catch {
    // storage disabled, full or sandboxed: the next call decides without a memory
  }
}
