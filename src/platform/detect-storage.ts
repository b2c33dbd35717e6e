import Cookies from 'js-cookie';
import type { StorageState } from '../shared/protocol';
import { probeAttributes, reachesCrossSiteFrames, type DeclaredSessionCookie } from './session-cookie';

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
 * Can this (cross-site) bridge frame reach the platform's session cookie? Its attributes answer first: a
 * `Lax`, `Strict` or partitioned session cookie never comes to a cross-site frame, whatever a probe written
 * from this frame's script might read back. For a `SameSite=None` one, `hasStorageAccess()` answers, a
 * granted Storage Access permission is used, and an unpartitioned probe cookie with the session cookie's
 * path and domain confirms. An empty `document.cookie` proves nothing (logged out looks the same).
 */
export async function detectStorage(sessionCookie: DeclaredSessionCookie): Promise<StorageState> {
  if (!reachesCrossSiteFrames(sessionCookie)) return 'blocked';
  if (typeof document.hasStorageAccess === 'function') {
    try {
      if (!(await document.hasStorageAccess()) && !(await useGrantedStorageAccess())) return 'blocked';
    } catch {
      // Some engines throw in unusual frames; the probe below decides.
    }
  }
  const attributes = probeAttributes(sessionCookie);
  Cookies.set(PROBE_COOKIE, '1', attributes);
  const reachable = Cookies.get(PROBE_COOKIE) === '1';
  Cookies.remove(PROBE_COOKIE, attributes);
  return reachable ? 'available' : 'blocked';
}
