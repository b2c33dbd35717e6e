// Settings both demo commands read from the environment; a bad value exits with a message naming the variable.
import { DEFAULT_SESSION_SAMESITE, SESSION_SAMESITE_VALUES, isSessionSameSite } from '../platform/session-cookies.mjs';

/** The mock platform's port unless PLATFORM_PORT says otherwise: the SDK's build table names it for gateway demo. */
export const DEFAULT_PLATFORM_PORT = 5174;
/** The mock platform's host: another site than the partner demo's localhost. */
export const PLATFORM_HOST = '127.0.0.1';

/**
 * Reads a port from the environment, or exits with a message naming the variable.
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
export function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name} must be a port number from 1 to 65535; got "${raw}".`);
    process.exit(1);
  }
  return port;
}

/**
 * Reads the SameSite of the platform's session cookie from PLATFORM_SESSION_SAMESITE, or exits with a
 * message naming the variable and its values.
 * @returns {import('../platform/session-cookies.mjs').SameSite}
 */
export function sessionSameSiteFromEnv() {
  const raw = process.env.PLATFORM_SESSION_SAMESITE;
  if (raw === undefined || raw === '') return DEFAULT_SESSION_SAMESITE;
  if (!isSessionSameSite(raw)) {
    console.error(`PLATFORM_SESSION_SAMESITE must be one of ${SESSION_SAMESITE_VALUES.join(', ')} (as written); got "${raw}".`);
    process.exit(1);
  }
  return raw;
}
