// The same-site hop of the redirect logout, for a session cookie that is SameSite=Lax or Strict. The
// partner's cross-site form POST carries no such cookie, so it cannot end (or even see) the session.
// After checking the POST, the platform keeps its outcome under a one-time id (never the token) and
// answers with a page of its own whose script posts that id back, same-origin: that POST carries every
// cookie, Strict ones too, and ends the session.
import { randomBytes } from 'node:crypto';

/** Where the platform's page posts the one-time id. */
export const HOP_PATH = '/scdk/v1/logout-redirect/finish';
/** The hop page's script: it submits the form, so the user does not have to. */
export const HOP_SCRIPT_PATH = '/scdk/v1/logout-redirect.js';
/** The form field carrying the one-time id. */
export const HOP_FIELD = 'logout';
/** The hop page's form, found by its script. */
export const HOP_FORM_ID = 'scdk-logout-hop';
/** The page submits at once; a user without script has this long to press the button. */
const HOP_LIFETIME_MS = 5 * 60 * 1000;
/** Pending hops kept at most, so a flood of forms cannot grow the store without bound. */
const MAX_PENDING = 1000;
const ID_BYTES = 24;

/** Submits the hop form once the page has parsed it; the button is there for pages without script. */
export const HOP_SCRIPT = `document.getElementById(${JSON.stringify(HOP_FORM_ID)}).submit();\n`;

/**
 * @typedef {{ returnTo: string, state: string | null, expiresAt: number }} PendingLogout
 */

/**
 * One-time ids for checked redirect logouts that still have to reach the session.
 * @param {() => number} [now]
 */
export function createPendingLogouts(now = Date.now) {
  /** @type {Map<string, PendingLogout>} */
  const pending = new Map();
  const sweep = () => {
    for (const [id, entry] of pending) if (entry.expiresAt <= now()) pending.delete(id);
  };
  return Object.freeze({
    /**
     * @param {{ returnTo: string, state: string | null }} logout
     * @returns {string} the one-time id
     */
    add({ returnTo, state }) {
      sweep();
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value);
      const id = randomBytes(ID_BYTES).toString('base64url');
      pending.set(id, { returnTo, state, expiresAt: now() + HOP_LIFETIME_MS });
      return id;
    },
    /**
     * The pending logout for `id`, removed so it is used once; undefined if unknown or expired.
     * @param {unknown} id
     * @returns {PendingLogout | undefined}
     */
    take(id) {
      if (typeof id !== 'string') return undefined;
      const entry = pending.get(id);
      pending.delete(id);
      return entry && entry.expiresAt > now() ? entry : undefined;
    },
  });
}
