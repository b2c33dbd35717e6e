import Cookies from 'js-cookie';
import type { StorageState } from '../bridge/protocol';
import { CROSS_SITE_COOKIE } from './cookie-attributes';

const PROBE_COOKIE = 'scdk_probe';

/**
 * Can this (cross-site) bridge frame reach the platform's cookies? `hasStorageAccess()` answers first;
 * an unpartitioned probe cookie confirms. An empty `document.cookie` proves nothing (logged out looks the same).
 */
export async function detectStorage(): Promise<StorageState> {
  if (typeof document.hasStorageAccess === 'function') {
    try {
      if (!(await document.hasStorageAccess())) return 'blocked';
    } catch {
      // Some engines throw in unusual frames; the probe below decides.
    }
  }
  Cookies.set(PROBE_COOKIE, '1', CROSS_SITE_COOKIE);
  const reachable = Cookies.get(PROBE_COOKIE) === '1';
  Cookies.remove(PROBE_COOKIE, CROSS_SITE_COOKIE);
  return reachable ? 'available' : 'blocked';
}
