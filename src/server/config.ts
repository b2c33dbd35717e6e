import type { SessionCookie } from '../platform/session-cookie';
import type { OneTimeStore } from './one-time-store';

/** One gateway (partner) as the platform registered it. */
export interface GatewayConfig {
  /** The gateway's name, as partners pass it in `config.gateway`. */
  name: string;
  /**
   * The HS256 secret shared with the partner's backend, or several while one is being rotated: a token
   * signed with any of them is accepted. Keep the list short; each is tried in turn.
   */
  secret: string | readonly string[];
  /** Exact partner origins (`https://partner.example`, no path): frame-ancestors, the runtime's allowlist, the redirect's Origin check. */
  partnerOrigins: readonly string[];
  /**
   * Absolute URL prefixes a redirect logout may return to, each on one of `partnerOrigins`. A `returnTo`
   * matches a prefix on a path-segment boundary: `https://p.example/app` allows `/app` and `/app/x`, not `/apps`.
   */
  returnTo: readonly string[];
  /** The broker's name, shown to users. */
  broker: string;
}

/** The platform's session, as its `readSession` hook reports it. */
export interface PlatformSession {
  /** The broker account, e.g. `AB1234`. Shown in full only to the partner user the session belongs to. */
  accountId: string;
  /** The partner user (`smallcaseAuthId`) this session is linked to, or null when nobody claimed it yet. */
  smallcaseAuthId: string | null;
  /** When the user logged in, in epoch milliseconds: only a fresh login may be linked (`claimWindowMs`). */
  loggedInAt: number;
}

/** What `endSession` did. The kit adds `setCookie` to its answer and never writes a cookie itself. */
export interface EndedSession {
  /** Whether a session existed (the SDK's `hadSession`). */
  hadSession: boolean;
  /** The `Set-Cookie` header values that clear the platform's login cookies, each a separate header. */
  setCookie: readonly string[];
}

/** The parts of scdk that are the platform's own. Each may be async and gets the request and the platform's context. */
export interface ScdkHooks<Context> {
  /** The session the request's cookies carry, or null. */
  readSession(request: Request, context: Context): PlatformSession | null | Promise<PlatformSession | null>;
  /** Ends the session the request's cookies carry (server-side revocation) and returns the clearing cookies. */
  endSession(request: Request, context: Context): EndedSession | Promise<EndedSession>;
  /**
   * Links the request's session to the partner user `smallcaseAuthId`, compare-and-set: only while it is
   * still unlinked. Returns the session as it now is (linked to someone else if another request won).
   * Without this hook the kit never links a login.
   */
  linkLogin?(request: Request, context: Context, smallcaseAuthId: string): PlatformSession | null | Promise<PlatformSession | null>;
}

/** What the kit tells the platform's audit log. Never the token. */
export type ScdkEvent =
  | { type: 'logout'; gateway: string; smallcaseAuthId: string; hadSession: boolean; via: 'api' | 'redirect' }
  | { type: 'session'; gateway: string; smallcaseAuthId: string; loggedIn: boolean; own: boolean }
  | { type: 'claim'; gateway: string; smallcaseAuthId: string }
  | { type: 'refused'; endpoint: string; gateway: string | null; code: number; status: number };

export interface ScdkPlatformConfig<Context = unknown> {
  /**
   * The platform's public origin, e.g. `https://platform.example`: the API's same-origin check and the
   * session cookie's check use it. Never taken from `Host` or forwarded headers, which a proxy rewrites.
   */
  publicOrigin: string;
  /** The registered gateways, or an async lookup by name (undefined when unknown; a throw answers 503). */
  gateways: readonly GatewayConfig[] | ((name: string) => Promise<GatewayConfig | undefined> | GatewayConfig | undefined);
  /** How the session cookie is set at login (as `startBridge` takes it); checked now against the API paths. */
  sessionCookie: SessionCookie;
  hooks: ScdkHooks<Context>;
  /** Clock leeway for `exp`, in seconds: at least 30 (the SDK allows 30). Default 30. */
  leewaySeconds?: number;
  /** Where the redirect hop's one-time ids live. Default: a bounded in-memory store (one instance only). */
  store?: OneTimeStore;
  /** How fresh a login must be for `linkLogin`, in milliseconds. Default 10 minutes. */
  claimWindowMs?: number;
  /** Script-visible login cookies the runtime clears on logout (default `['scdk_account']`). */
  clientCookies?: readonly string[];
  /** A same-origin stylesheet for the pages people see (the platform window, the hop, refusals). */
  stylesheet?: string;
  /** Wraps the kit's visible pages in the platform's layout; `body` is HTML. Default: a bare page. */
  renderPage?: (page: { title: string; body: string }) => string;
  /** The platform's audit log. A throw here is ignored. */
  onEvent?: (event: ScdkEvent) => void;
  /**
   * Serve the bridge page with the runtime inline, allowed by its CSP hash (no `'unsafe-inline'`), instead
   * of loading the cacheable script: one request fewer where the browser's cache does not hold the script,
   * and the runtime's bytes on every bridge load where it does (docs/performance.md). Default false.
   */
  inlineRuntime?: boolean;
  /** The runtime's text; default: the dist/scdk-platform.js built into this package. */
  runtimeScript?: string;
  /** The clock, in epoch milliseconds (tests). */
  now?: () => number;
}
