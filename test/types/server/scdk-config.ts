// scdk-config.ts: what your platform gives scdk/server, shared by the three servers below.
import type { PlatformSession, ScdkPlatformConfig } from 'scdk/server';

/** Your platform's own session store, keyed by its session cookie. */
export interface Sessions {
  read(sessionId: string | undefined): Promise<PlatformSession | null>;
  /** Revokes the session server-side; resolves whether there was one. */
  end(sessionId: string | undefined): Promise<boolean>;
  /** Links the session to smallcaseAuthId only while it is unlinked (compare-and-set); resolves it as it now is. */
  link(sessionId: string | undefined, smallcaseAuthId: string): Promise<PlatformSession | null>;
}

/** Exactly as your login sets the cookie: scdk checks the API paths are inside it, and tells the bridge. */
const SESSION_COOKIE = { name: 'sid', sameSite: 'Lax', path: '/' } as const;
const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE.name}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;

const sessionIdOf = (request: Request): string | undefined =>
  request.headers
    .get('cookie')
    ?.split(';')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE.name)?.[1];

export function scdkConfig(sessions: Sessions, acmeSecret: string): ScdkPlatformConfig {
  return {
    publicOrigin: 'https://platform.example',
    gateways: [
      {
        name: 'acme',
        secret: acmeSecret, // or [newSecret, oldSecret] while rotating
        partnerOrigins: ['https://app.acme.example'],
        returnTo: ['https://app.acme.example/account'],
        broker: 'Example Broker',
      },
    ],
    sessionCookie: { sameSite: SESSION_COOKIE.sameSite, path: SESSION_COOKIE.path },
    hooks: {
      readSession: (request) => sessions.read(sessionIdOf(request)),
      endSession: async (request) => ({ hadSession: await sessions.end(sessionIdOf(request)), setCookie: [CLEAR_SESSION_COOKIE] }),
      linkLogin: (request, _context, smallcaseAuthId) => sessions.link(sessionIdOf(request), smallcaseAuthId),
    },
    // Your audit log: logouts, session reads, claims and refusals with their code. Never the token.
    onEvent: (event) => console.info('scdk', event),
  };
}
