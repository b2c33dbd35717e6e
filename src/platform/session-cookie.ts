export type SameSite = 'None' | 'Lax' | 'Strict';

/**
 * How the platform sets its session cookie: the cookie its logout and session API calls depend on. The
 * bridge decides whether it can reach the session from these attributes and probes with them, instead of
 * trusting a cookie of its own that the session cookie may not be like.
 */
export interface SessionCookie {
  /**
   * The cookie's `SameSite`. Only `'None'` travels with a request from a frame under another site's page
   * (where the browser allows third-party cookies at all); with `'Lax'` or `'Strict'` the bridge iframe
   * always reports `blocked`, and logouts use the platform window.
   */
  sameSite: SameSite;
  /** The cookie's `Path`. Default `'/'`. It must cover the API paths (`apiBase + '/scdk/v1/…'`) and the bridge page. */
  path?: string;
  /** The cookie's `Domain` attribute; leave it out for a host-only cookie (no `Domain`). */
  domain?: string;
  /**
   * Whether the cookie is `Partitioned` (CHIPS). A partitioned cookie set at login, on the platform's own
   * pages, lives in the jar of the platform's site; a frame under a partner's page has another jar and
   * never sees it, so the bridge iframe reports `blocked` (the platform window, top-level, still works).
   */
  partitioned?: boolean;
}

/** A checked declaration, with its defaults filled in. */
export interface DeclaredSessionCookie {
  sameSite: SameSite;
  path: string;
  domain?: string;
  partitioned: boolean;
}

const SAME_SITE_VALUES: readonly string[] = ['None', 'Lax', 'Strict'];
const DEFAULT_PATH = '/';

/**
 * What the bridge assumes when the platform declares nothing: `SameSite=Lax`, the default browsers give a
 * cookie without the attribute (Chromium), and one no cross-site frame receives. So an undeclared bridge
 * never claims the session from a frame; the platform window does the logout.
 */
export const UNDECLARED_SESSION_COOKIE: DeclaredSessionCookie = Object.freeze({ sameSite: 'Lax', path: DEFAULT_PATH, partitioned: false });

function fail(field: string, problem: string): never {
  throw new Error(`scdk bridge: config.sessionCookie${field} ${problem}`);
}

/** RFC 6265 §5.1.4 path-match: is `requestPath` inside `cookiePath`? */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** RFC 6265 §5.1.3 domain-match: does a cookie with `Domain=domain` go to `host`? */
export function domainMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * Checks the platform's declaration and fills in its defaults. Throws an `Error` saying what to fix when
 * it is malformed, or when the session cookie could not reach one of `apiUrls` (a path or domain that
 * leaves an API call without the cookie would make every logout look like "no session", in a frame and
 * in a window alike). `pageHost` is the bridge page's host: a host-only cookie goes to that host only.
 */
export function declareSessionCookie(input: unknown, apiUrls: readonly URL[], pageHost: string): DeclaredSessionCookie {
  if (input === undefined) return UNDECLARED_SESSION_COOKIE;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('', "must be an object like { sameSite: 'None', path: '/' }, saying how the platform sets its session cookie.");
  }
  const { sameSite, path = DEFAULT_PATH, domain, partitioned = false } = input as Record<string, unknown>;
  if (typeof sameSite !== 'string' || !SAME_SITE_VALUES.includes(sameSite)) {
    fail('.sameSite', `must be 'None', 'Lax' or 'Strict' (as the cookie's SameSite attribute says); got ${JSON.stringify(sameSite)}.`);
  }
  if (typeof path !== 'string' || !path.startsWith('/')) {
    fail('.path', `must be the cookie's Path, starting with '/'; got ${JSON.stringify(path)}.`);
  }
  if (domain !== undefined && (typeof domain !== 'string' || !/^\.?[a-z0-9.-]+$/i.test(domain))) {
    fail('.domain', `must be the cookie's Domain attribute, like 'platform.example', or left out for a host-only cookie; got ${JSON.stringify(domain)}.`);
  }
  if (typeof partitioned !== 'boolean') {
    fail('.partitioned', `must be true or false; got ${JSON.stringify(partitioned)}.`);
  }
  // RFC 6265 §5.2.3: a leading dot is ignored, and domains compare case-insensitively.
  const cookieDomain = domain?.replace(/^\./, '').toLowerCase();
  for (const url of apiUrls) {
    if (!pathMatches(url.pathname, path)) {
      fail('.path', `is ${JSON.stringify(path)}, so the session cookie is not sent to ${url.pathname}: set it to a path that covers the API, or move apiBase under it.`);
    }
    const host = url.hostname.toLowerCase();
    if (cookieDomain ? !domainMatches(host, cookieDomain) : host !== pageHost.toLowerCase()) {
      fail('.domain', `${cookieDomain ? `is ${JSON.stringify(cookieDomain)}` : 'is left out (a host-only cookie)'}, so the session cookie is not sent to ${host}: declare the Domain it is set with.`);
    }
  }
  return Object.freeze({ sameSite: sameSite as SameSite, path, domain: cookieDomain, partitioned });
}

/**
 * Can a frame under another site's page ever receive this cookie? A `Lax` or `Strict` cookie is left off
 * every cross-site subrequest (RFC 6265bis §5.2), however the browser treats third-party cookies, and a
 * partitioned one belongs to the top-level site it was set under. The runtime cannot tell a same-site
 * partner from a cross-site one without the public suffix list, so it takes every frame as cross-site.
 */
export function reachesCrossSiteFrames(cookie: DeclaredSessionCookie): boolean {
  return cookie.sameSite === 'None' && !cookie.partitioned;
}

/**
 * The probe cookie's attributes: the session cookie's path and domain, so the browser applies the same
 * rules to both (a domain this page may not set is refused; a path outside this page cannot be read back).
 * `SameSite=None; Secure`, since only such a session cookie is ever probed for.
 */
export function probeAttributes(cookie: DeclaredSessionCookie): { path: string; domain?: string; sameSite: 'None'; secure: true } {
  return { path: cookie.path, sameSite: 'None', secure: true, ...(cookie.domain ? { domain: cookie.domain } : {}) };
}
