/**
 * Did the request come from one of the platform's own pages (or from a client that is no browser page)?
 * `Sec-Fetch-Site` where the browser sends it; else `Origin` against the configured public origin, never
 * against `Host` or forwarded headers, which a TLS-terminating proxy or a load balancer rewrites.
 */
export function isSameOriginRequest(request: Request, publicOrigin: string): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  const origin = request.headers.get('origin');
  if (origin === null) return true; // curl, test runners: nothing a partner page's script can make
  return origin === publicOrigin;
}
