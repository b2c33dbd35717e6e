// Server-side login sessions of the mock platform, keyed by a random id kept in a cookie.
import { randomBytes } from 'node:crypto';

const SESSION_ID_BYTES = 24;
/** 24 random bytes in base64url are exactly 32 characters. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/**
 * @typedef {object} Session
 * @property {string} accountId broker account, e.g. AB1234
 * @property {string} gateway gateway the user logged in through
 * @property {string | null} smallcaseAuthId the connected user this session belongs to, if known
 * @property {number} createdAt epoch milliseconds
 */

/**
 * Creates an in-memory session store.
 * @returns {{
 *   create(fields: { accountId: string, gateway: string, smallcaseAuthId?: string | null }): { id: string, session: Session },
 *   get(id: unknown): Session | undefined,
 *   claim(id: unknown, smallcaseAuthId: string): Session | undefined,
 *   delete(id: unknown): boolean,
 * }}
 */
export function createSessionStore() {
  /** @type {Map<string, Session>} */
  const sessions = new Map();
  const isSessionId = (id) => typeof id === 'string' && SESSION_ID_PATTERN.test(id);
  return Object.freeze({
    create({ accountId, gateway, smallcaseAuthId = null }) {
      const id = randomBytes(SESSION_ID_BYTES).toString('base64url');
      const session = Object.freeze({ accountId, gateway, smallcaseAuthId, createdAt: Date.now() });
      sessions.set(id, session);
      return { id, session };
    },
    get: (id) => (isSessionId(id) ? sessions.get(id) : undefined),
    /** Links an unlinked session to a partner user; returns the session as it now is. */
    claim(id, smallcaseAuthId) {
      const session = isSessionId(id) ? sessions.get(id) : undefined;
      if (!session || session.smallcaseAuthId) return session;
      const claimed = Object.freeze({ ...session, smallcaseAuthId });
      sessions.set(id, claimed);
      return claimed;
    },
    delete: (id) => isSessionId(id) && sessions.delete(id),
  });
}
