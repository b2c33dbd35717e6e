import { declareSessionCookie } from '../platform/session-cookie';
import { SCDK_PATH_PREFIX, SCDK_PATHS } from '../shared/platform-endpoints';
import { logout, session } from './api-endpoints';
import type { ScdkEvent, ScdkPlatformConfig } from './config';
import { createGatewayLookup, GatewayLookupError } from './gateway-registry';
import { HookFailure, type KitContext } from './kit-context';
import { toNodeHandler, type NodeHandler } from './node-adapter';
import { bridge, platformWindow, runtimeScript, status, tagsFor } from './page-endpoints';
import { finishRedirectLogout, hopScript, redirectLogout } from './redirect-endpoints';
import { jsonError, text } from './responses';
import { createRuntimeAsset } from './runtime-asset';
import { barePage } from './runtime-page';
import { createMemoryStore } from './stores/memory-store';
import { MIN_LEEWAY_IN_SECONDS } from './verify-token';

/** How fresh a login must be for the session endpoint to link it to the token's user. */
export const DEFAULT_CLAIM_WINDOW_MS = 10 * 60 * 1000;

/** What a page of the platform's own (the login-done page) needs to report to the SDK's window. */
export interface RuntimeTagsForPage {
  /** The config element and the runtime's script tag, to put in the page's body. */
  html: string;
  /** Headers the page must carry: no COOP that cuts the opener. Its CSP must allow `scriptSrc`. */
  headers: Record<string, string>;
  /** The CSP `script-src` source the runtime needs (it loads from the platform's own origin). */
  scriptSrc: string;
}

export interface ScdkPlatform<Context = unknown> {
  /** Answers a request for a path of scdk's (`/scdk/v1/*`), or resolves null for any other path. */
  fetch(request: Request, context?: Context): Promise<Response | null>;
  /**
   * For `node:http` and Express: `(req, res, next?)`. Resolves true when it answered; for another path it
   * calls `next()` (Express) or resolves false. The hooks get `{ req, res }` as their context.
   */
  node: NodeHandler;
  /** The runtime's tags and headers for the platform's login-done page, or null for an unknown gateway. */
  runtimeTags(gateway: string): Promise<RuntimeTagsForPage | null>;
}

type Endpoint<C> = (kit: KitContext<C>, request: Request, url: URL, context: C) => Promise<Response> | Response;

function routes<C>(): ReadonlyMap<string, Readonly<Record<string, Endpoint<C>>>> {
  return new Map<string, Record<string, Endpoint<C>>>([
    [SCDK_PATHS.bridge, { GET: (kit, _request, url) => bridge(kit, url) }],
    [SCDK_PATHS.window, { GET: (kit, _request, url) => platformWindow(kit, url) }],
    [SCDK_PATHS.runtime, { GET: (kit, _request, url) => runtimeScript(kit, url) }],
    [SCDK_PATHS.status, { GET: (kit, request, url) => status(kit, request, url) }],
    [SCDK_PATHS.logout, { POST: (kit, request, _url, context) => logout(kit, request, context) }],
    [SCDK_PATHS.session, { POST: (kit, request, _url, context) => session(kit, request, context) }],
    [SCDK_PATHS.logoutRedirect, { POST: (kit, request, _url, context) => redirectLogout(kit, request, context) }],
    [SCDK_PATHS.logoutRedirectFinish, { POST: (kit, request, _url, context) => finishRedirectLogout(kit, request, context) }],
    [SCDK_PATHS.logoutRedirectScript, { GET: () => hopScript() }],
  ]);
}

/** Every endpoint the kit serves, as `{ method, path }` (HEAD too wherever GET): docs/platform-endpoints.md lists exactly these. */
export const SCDK_ENDPOINTS: readonly { method: string; path: string }[] = Object.freeze(
  [...routes()].flatMap(([path, methods]) => Object.keys(methods).map((method) => Object.freeze({ method, path }))),
);

function checkedOrigin(publicOrigin: unknown): string {
  let origin: string | undefined;
  try {
    origin = typeof publicOrigin === 'string' ? new URL(publicOrigin).origin : undefined;
  } catch {
    origin = undefined;
  }
  if (!origin || origin !== publicOrigin) {
    throw new Error(`scdk/server: publicOrigin must be the platform's exact origin, like https://platform.example (no path); got ${JSON.stringify(publicOrigin)}.`);
  }
  return origin;
}

/** The answer to a failure inside an endpoint: the JSON error on the API, text elsewhere. */
function failure(pathname: string, status: number, code: 2000 | 3023 | 5002, detail: string): Response {
  const api = pathname === SCDK_PATHS.logout || pathname === SCDK_PATHS.session;
  return api ? jsonError(status, code, detail) : text(status, `${detail}\n`);
}

/**
 * The platform's half of scdk: every `/scdk/v1/*` endpoint as one `Request -> Response` function (the
 * Fetch API and WebCrypto only), with the platform's own parts as hooks. Throws at once on a config
 * mistake: a malformed origin or gateway, a leeway under 30 s, a session cookie that misses the API.
 */
export function createScdkPlatform<Context = unknown>(config: ScdkPlatformConfig<Context>): ScdkPlatform<Context> {
  const publicOrigin = checkedOrigin(config.publicOrigin);
  const leewaySeconds = config.leewaySeconds ?? MIN_LEEWAY_IN_SECONDS;
  if (typeof leewaySeconds !== 'number' || !(leewaySeconds >= MIN_LEEWAY_IN_SECONDS) || !Number.isFinite(leewaySeconds)) {
    throw new Error(`scdk/server: leewaySeconds must be at least ${MIN_LEEWAY_IN_SECONDS} (the SDK allows ${MIN_LEEWAY_IN_SECONDS} s and refuses later tokens itself); got ${String(leewaySeconds)}.`);
  }
  if (typeof config.hooks?.readSession !== 'function' || typeof config.hooks.endSession !== 'function') {
    throw new Error('scdk/server: hooks.readSession and hooks.endSession are required (the platform reads and ends its own sessions).');
  }
  if (config.sessionCookie === undefined) {
    throw new Error("scdk/server: declare sessionCookie as the login sets it, e.g. { sameSite: 'Lax', path: '/' }.");
  }
  // As startBridge does in the page: the cookie must reach the API, or every logout would look like "no session".
  const apiUrls = [SCDK_PATHS.logout, SCDK_PATHS.session, SCDK_PATHS.logoutRedirectFinish].map((path) => new URL(path, publicOrigin));
  const sessionCookie = declareSessionCookie(config.sessionCookie, apiUrls, new URL(publicOrigin).hostname);
  const { onEvent, renderPage, stylesheet } = config;
  const kit: KitContext<Context> = {
    publicOrigin,
    lookup: createGatewayLookup(config.gateways),
    sessionCookie,
    hooks: config.hooks,
    leewaySeconds,
    store: config.store ?? createMemoryStore(),
    claimWindowMs: config.claimWindowMs ?? DEFAULT_CLAIM_WINDOW_MS,
    clientCookies: config.clientCookies,
    runtime: createRuntimeAsset(config.runtimeScript),
    inlineRuntime: config.inlineRuntime === true,
    page: (title, body) => (renderPage ? renderPage({ title, body }) : barePage({ title, body }, stylesheet)),
    emit(event: ScdkEvent) {
      try {
        onEvent?.(event);
      } catch {
        // The audit hook must not change an answer.
      }
    },
    now: config.now ?? Date.now,
  };
  const table = routes<Context>();

  async function fetch(request: Request, context?: Context): Promise<Response | null> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(SCDK_PATH_PREFIX)) return null;
    const methods = table.get(url.pathname);
    if (!methods) return text(404, `Not found: ${SCDK_PATH_PREFIX}* has no ${url.pathname}.\n`);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const endpoint = methods[method];
    if (!endpoint) {
      const allowed = Object.keys(methods).flatMap((name) => (name === 'GET' ? ['GET', 'HEAD'] : [name]));
      return text(405, `Method not allowed. Use ${allowed.join(' or ')}.\n`, { allow: allowed.join(', ') });
    }
    try {
      const response = await endpoint(kit, request, url, context as Context);
      return request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
    } catch (error) {
      if (error instanceof HookFailure) {
        kit.emit({ type: 'refused', endpoint: url.pathname, gateway: null, code: error.code, status: 500 });
        return failure(url.pathname, 500, error.code === 3023 ? 3023 : 2000, `The platform's ${error.hook} hook failed; see the platform's logs.`);
      }
      if (error instanceof GatewayLookupError) return failure(url.pathname, 503, 5002, 'The platform could not look up the gateway right now.');
      kit.emit({ type: 'refused', endpoint: url.pathname, gateway: null, code: 2000, status: 500 });
      return failure(url.pathname, 500, 2000, 'The platform failed unexpectedly; see its logs.');
    }
  }

  async function runtimeTags(name: string): Promise<RuntimeTagsForPage | null> {
    const gateway = await kit.lookup(name);
    if (!gateway) return null;
    return { html: await tagsFor(kit, gateway), headers: { 'cross-origin-opener-policy': 'unsafe-none' }, scriptSrc: "'self'" };
  }

  // The node adapter's context is { req, res }: a platform that uses it types its hooks' context so.
  const node = toNodeHandler((request, context) => fetch(request, context as Context), { publicOrigin });
  return Object.freeze({ fetch, node, runtimeTags });
}
