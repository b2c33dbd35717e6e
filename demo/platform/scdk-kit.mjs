// scdk on the mock platform: the kit (scdk/server) does every /scdk/v1/* endpoint; the platform gives it
// only what is its own, as hooks: its sessions (read, end, link) and its cookies.
import { createMemoryStore, createScdkPlatform } from 'scdk/server';
import { PLATFORM_STYLESHEET_PATH, scdkPage } from './pages.mjs';
import { clearingCookies, sessionCookieDeclaration, SESSION_SAMESITE_VALUES, sessionIdOf } from './session-cookies.mjs';

/**
 * The platform's session as the kit reads it.
 * @param {import('./sessions.mjs').Session | undefined} session
 * @returns {import('scdk/server').PlatformSession | null}
 */
function asPlatformSession(session) {
  return session ? { accountId: session.accountId, smallcaseAuthId: session.smallcaseAuthId, loggedInAt: session.createdAt } : null;
}

/**
 * One kit per SameSite the login cookies may be set with (a kit's session-cookie declaration is fixed and
 * checked when it is made; the tests switch the setting per test), sharing the one-time-id store.
 * @param {{ publicOrigin: string, gateways: readonly import('../shared/gateways.mjs').Gateway[],
 *   sessions: ReturnType<typeof import('./sessions.mjs').createSessionStore>, inlineRuntime?: boolean }} options
 * @returns {Record<import('./session-cookies.mjs').SameSite, import('scdk/server').ScdkPlatform>}
 */
export function createScdkKits({ publicOrigin, gateways, sessions, inlineRuntime = false }) {
  const store = createMemoryStore();
  const idOf = (request) => sessionIdOf(request.headers.get('cookie'));
  const kitFor = (sameSite) =>
    createScdkPlatform({
      publicOrigin,
      gateways,
      sessionCookie: sessionCookieDeclaration(sameSite),
      store,
      inlineRuntime,
      stylesheet: PLATFORM_STYLESHEET_PATH,
      renderPage: scdkPage,
      hooks: {
        readSession: (request) => asPlatformSession(sessions.get(idOf(request))),
        endSession: (request) => ({ hadSession: sessions.delete(idOf(request)), setCookie: clearingCookies(sameSite) }),
        linkLogin: (request, _context, smallcaseAuthId) => asPlatformSession(sessions.claim(idOf(request), smallcaseAuthId)),
      },
    });
  return Object.fromEntries(SESSION_SAMESITE_VALUES.map((sameSite) => [sameSite, kitFor(sameSite)]));
}
