import Cookies from 'js-cookie';
import type { StorageState } from '../bridge/protocol';
import { CROSS_SITE_COOKIE } from './cookie-attributes';

const PROBE_COOKIE = 'scdk_probe';

/**
 * Storage Access API: where the user or browser already granted access for this partner/platform pair,
 * `requestStorageAccess()` succeeds without a click. Asking when not granted would wait for a prompt
 * that a hidden frame cannot show (Chromium denies after ~1.5 s), so ask only when the permission says granted.
 */
async function useGrantedStorageAccess(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'storage-access' as PermissionName });
    if (status.state !== 'granted') return false;
    await document.requestStorageAccess();
    return true;
  } catch {
    return false;
  }
}

/**
 * Can this (cross-site) bridge frame reach the platform's cookies? `hasStorageAccess()` answers first,
 * a granted Storage Access permission is used, and an unpartitioned probe cookie confirms.
 * An empty `document.cookie` proves nothing (logged out looks the same).
 */
export async function detectStorage(): Promise<StorageState> {
  if (typeof document.hasStorageAccess === 'function') {
    try {
      if (!(await document.hasStorageAccess()) && !(await useGrantedStorageAccess())) return 'blocked';
    } catch {
      // Some engines throw in unusual frames; the probe below decides.
    }
  }
  Cookies.set(PROBE_COOKIE, '1', CROSS_SITE_COOKIE);
  const reachable = Cookies.get(PROBE_COOKIE) === '1';
  Cookies.remove(PROBE_COOKIE, CROSS_SITE_COOKIE);
  return reachable ? 'available' : 'blocked';
}
