// A kit (scdk/server from the sources) with a platform of a few lines around it, for Fetch-level tests.
import { createHmac } from 'node:crypto';
import { createScdkPlatform, type GatewayConfig, type PlatformSession, type ScdkEvent, type ScdkPlatformConfig } from '../../src/server/index';

export const PLATFORM = 'https://platform.example';
export const PARTNER = 'https://partner.example';
export const SECRET = 'server-test-secret';
export const RUNTIME = 'window.runtimeRan = true;';

export const GATEWAY: GatewayConfig = {
  name: 'demo',
  secret: SECRET,
  partnerOrigins: [PARTNER],
  returnTo: [`${PARTNER}/app`],
  broker: 'Demo Broker',
};

/** Signs claims as a partner's backend would (HS256). */
export function sign(claims: Record<string, unknown>, secret = SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
export const connected = (smallcaseAuthId = 'user-1') => sign({ smallcaseAuthId, exp: nowSeconds() + 600 });

/** The platform's side: one session (or none), and what its hooks were asked. */
export function createTestPlatform(overrides: Partial<ScdkPlatformConfig> = {}, session: PlatformSession | null = null) {
  const state = { session, ended: 0, linked: [] as string[], events: [] as ScdkEvent[] };
  const kit = createScdkPlatform({
    publicOrigin: PLATFORM,
    gateways: [GATEWAY],
    sessionCookie: { sameSite: 'None', path: '/' },
    runtimeScript: RUNTIME,
    onEvent: (event) => state.events.push(event),
    hooks: {
      readSession: () => state.session,
      endSession: () => {
        state.ended++;
        const hadSession = state.session !== null;
        state.session = null;
        return { hadSession, setCookie: ['sid=; Path=/; Max-Age=0', 'account=; Path=/; Max-Age=0'] };
      },
      linkLogin: (_request, _context, smallcaseAuthId) => {
        state.linked.push(smallcaseAuthId);
        if (state.session && state.session.smallcaseAuthId === null) state.session = { ...state.session, smallcaseAuthId };
        return state.session;
      },
    },
    ...overrides,
  });
  return { kit, state };
}

/** A same-origin API call, as the runtime makes it. */
export function apiRequest(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${PLATFORM}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The partner's cross-site logout form. */
export function redirectForm(fields: Record<string, string>, origin = PARTNER): Request {
  return new Request(`${PLATFORM}/scdk/v1/logout-redirect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'cross-site' },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function errorOf(response: Response | null): Promise<{ status: number; code: number }> {
  const body = (await response!.json()) as { error: { code: number } };
  return { status: response!.status, code: body.error.code };
}

/** The outcome a redirect sends back in returnTo's fragment. */
export function fragmentOf(response: Response | null): Record<string, string> {
  const location = new URL(response!.headers.get('location')!);
  return Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
}
