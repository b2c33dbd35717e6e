// The conformance check's mutants: the mock platform with one promise broken each, as wrappers around it
// (test/unit/mutating-proxy.ts). The ones that need the platform's own code changed (its one-time-id store)
// are built in the test itself.
import { signJwt } from '../../demo/shared/jwt.mjs';
import { DEMO_GATEWAY_SECRET } from '../../demo/shared/gateways.mjs';
import type { Mutation, ProxiedRequest, ProxiedResponse } from './mutating-proxy';

const BRIDGE_PATH = '/scdk/v1/bridge';
const WINDOW_PATH = '/scdk/v1/window';
const STATUS_PATH = '/scdk/v1/status';
const REDIRECT_PATH = '/scdk/v1/logout-redirect';
const LOGOUT_PATH = '/scdk/v1/logout';
const API_PATHS = [LOGOUT_PATH, '/scdk/v1/session'];
const TOKEN_LIFETIME_S = 300;

const pathOf = (request: ProxiedRequest) => new URL(request.path, 'http://proxy.invalid').pathname;
const isApi = (request: ProxiedRequest) => request.method === 'POST' && API_PATHS.includes(pathOf(request));
const isRedirect = (request: ProxiedRequest) => request.method === 'POST' && pathOf(request) === REDIRECT_PATH;

function payloadOf(token: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Rewrites the API body's token. */
function withApiToken(request: ProxiedRequest, change: (token: string) => string): void {
  const body = JSON.parse(request.body) as { token?: unknown };
  if (typeof body.token === 'string') request.body = JSON.stringify({ ...body, token: change(body.token) });
}

/** Changes the fragment of a Location header. */
function editFragment(response: ProxiedResponse, edit: (fragment: URLSearchParams) => void): void {
  const location = response.headers.get('location');
  if (!location) return;
  const url = new URL(location);
  const fragment = new URLSearchParams(url.hash.slice(1));
  edit(fragment);
  url.hash = fragment.toString();
  response.headers.set('location', url.href);
}

/** Drops the frame-ancestors directive from the answer's Content-Security-Policy. */
function withoutFrameAncestors(response: ProxiedResponse): void {
  const policy = response.headers.get('content-security-policy');
  if (!policy) return;
  response.headers.set('content-security-policy', policy.split(';').filter((part) => !part.trim().startsWith('frame-ancestors')).join(';'));
}

const nowS = () => Math.floor(Date.now() / 1000);

export interface Mutant {
  /** What is broken. */
  name: string;
  /** The checks that must fail because of it. */
  breaks: string[];
  mutation(partnerOrigin: string): Mutation;
}

export const PROXY_MUTANTS: readonly Mutant[] = [
  {
    name: 'frame-ancestors removed from the bridge page',
    breaks: ['bridge.frame-ancestors'],
    mutation: () => ({
      response(response, request) {
        if (pathOf(request) === BRIDGE_PATH && response.status === 200) withoutFrameAncestors(response);
      },
    }),
  },
  {
    name: 'frame-ancestors removed from an unknown gateway\'s bridge page',
    breaks: ['bridge.unknown-gateway'],
    mutation: () => ({
      response(response, request) {
        if (pathOf(request) === BRIDGE_PATH && response.status === 404) withoutFrameAncestors(response);
      },
    }),
  },
  {
    name: 'frame-ancestors removed from the window page',
    breaks: ['window.not-framable'],
    mutation: () => ({
      response(response, request) {
        if (pathOf(request) === WINDOW_PATH) withoutFrameAncestors(response);
      },
    }),
  },
  {
    name: 'a cookie set by the status endpoint',
    breaks: ['status.no-credentials'],
    mutation: () => ({
      response(response, request) {
        if (pathOf(request) === STATUS_PATH) response.headers.append('set-cookie', 'tracking=1; Path=/; Secure; SameSite=None');
      },
    }),
  },
  {
    name: 'Cross-Origin-Opener-Policy: same-origin on the window (a helmet default)',
    breaks: ['window.opener-kept'],
    mutation: () => ({
      response(response, request) {
        if (pathOf(request) === WINDOW_PATH) response.headers.set('cross-origin-opener-policy', 'same-origin');
      },
    }),
  },
  {
    name: 'leeway 0',
    breaks: ['jwt.leeway-accepted'],
    mutation: () => ({
      request(request) {
        if (!isApi(request)) return undefined;
        const exp = payloadOf(String((JSON.parse(request.body) as { token?: unknown }).token))?.exp;
        if (typeof exp !== 'number' || exp >= nowS()) return undefined;
        const error = { code: 4003, message: 'token_expired', detail: 'expired (no leeway)' };
        return { status: 401, headers: new Headers({ 'content-type': 'application/json' }), body: JSON.stringify({ error }) };
      },
    }),
  },
  {
    name: 'exp optional',
    breaks: ['jwt.exp-missing', 'jwt.exp-string'],
    mutation: () => ({
      request(request) {
        if (!isApi(request)) return;
        withApiToken(request, (token) => {
          const payload = payloadOf(token);
          // A genuine token (the same bytes re-signed) whose exp is missing or not a number: taken as never expiring.
          const genuine = payload !== undefined && signJwt(payload, DEMO_GATEWAY_SECRET) === token;
          return genuine && typeof payload.exp !== 'number' ? signJwt({ ...payload, exp: nowS() + TOKEN_LIFETIME_S }, DEMO_GATEWAY_SECRET) : token;
        });
      },
    }),
  },
  {
    name: 'no Origin check',
    breaks: ['api.foreign-origin', 'redirect.origin-refused'],
    mutation: (partnerOrigin) => ({
      request(request) {
        if (isApi(request)) {
          delete request.headers.origin;
          delete request.headers['sec-fetch-site'];
        }
        if (isRedirect(request)) request.headers.origin = partnerOrigin;
      },
    }),
  },
  {
    name: 'returnTo matched as a plain string prefix (the allowlist entry without its slash)',
    breaks: ['redirect.return-to-look-alike'],
    mutation: (partnerOrigin) => {
      const asked = new Map<string, string>();
      return {
        request(request) {
          if (!isRedirect(request)) return;
          const form = new URLSearchParams(request.body);
          const returnTo = form.get('returnTo') ?? '';
          if (!returnTo.startsWith(partnerOrigin)) return;
          // The platform only ever sees an allowed returnTo; the answer goes back to what was asked.
          const token = form.get('token') ?? '';
          asked.set(token, returnTo);
          form.set('returnTo', `${partnerOrigin}/`);
          request.body = form.toString();
        },
        response(response, request) {
          const returnTo = isRedirect(request) ? asked.get(new URLSearchParams(request.body).get('token') ?? '') : undefined;
          const location = response.headers.get('location');
          if (returnTo === undefined || !location) return;
          response.headers.set('location', `${returnTo.replace(/#.*/, '')}#${new URL(location).hash.slice(1)}`);
        },
      };
    },
  },
  {
    name: 'state dropped',
    breaks: ['redirect.state-echoed'],
    mutation: () => ({
      response(response) {
        editFragment(response, (fragment) => fragment.delete('state'));
      },
    }),
  },
  {
    name: 'the token in Location',
    // In the query, where the partner's server logs it: returnTo changes too.
    breaks: ['redirect.result-in-fragment', 'tokens.never-echoed'],
    mutation: () => ({
      response(response, request) {
        const location = response.headers.get('location');
        if (!isRedirect(request) || !location) return;
        const url = new URL(location);
        url.searchParams.set('token', new URLSearchParams(request.body).get('token') ?? '');
        response.headers.set('location', url.href);
      },
    }),
  },
];

/** For --destructive: the logout clears its cookies on another Path than the one declared (and set at login). */
export const CLEARING_PATH_MUTANT: Mutant = {
  name: 'clearing cookies on another Path',
  breaks: ['logout.clearing-cookies'],
  mutation: () => ({
    response(response, request) {
      if (pathOf(request) !== LOGOUT_PATH) return;
      const cookies = response.headers.getSetCookie();
      response.headers.delete('set-cookie');
      for (const cookie of cookies) response.headers.append('set-cookie', cookie.replace('Path=/;', 'Path=/scdk;'));
    },
  }),
};
