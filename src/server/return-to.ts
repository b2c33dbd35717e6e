import type { Gateway } from './gateway-registry';

/**
 * Is `path` inside `prefix` on a path-segment boundary? `/app` covers `/app` and `/app/x`, not `/apps`
 * (the cookie path-match of RFC 6265 §5.1.4, for the same reason).
 */
function pathWithin(path: string, prefix: string): boolean {
  if (path === prefix) return true;
  if (!path.startsWith(prefix)) return false;
  return prefix.endsWith('/') || path[prefix.length] === '/';
}

/**
 * Is `returnTo` a place this gateway lets a redirect logout go back to? An absolute http(s) URL without
 * user info, on one of the gateway's partner origins, inside one of its prefixes. Compared parsed, origin
 * first, so `https://partner.example.evil.test/` cannot pass for `https://partner.example/`.
 */
export function isAllowedReturnTo(returnTo: string, gateway: Gateway): boolean {
  let url: URL;
  try {
    url = new URL(returnTo);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  if (!gateway.partnerOrigins.includes(url.origin)) return false;
  return gateway.returnTo.some((prefix) => url.origin === prefix.origin && pathWithin(url.pathname, prefix.pathname));
}
