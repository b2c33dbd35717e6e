// The platform's own CSRF check for its login and logout forms (scdk's endpoints have the kit's), since
// its cookies may be SameSite=None and so travel with cross-site requests.

/**
 * Did the request come from one of the platform's own pages (or from a non-browser client)?
 * Uses Sec-Fetch-Site where the browser sends it, else compares Origin with the platform's configured
 * origin (never with Host, which a proxy rewrites).
 * @param {import('node:http').IncomingMessage} req
 * @param {string} publicOrigin
 * @returns {boolean}
 */
export function isSameOriginRequest(req, publicOrigin) {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not sent by a browser page: curl, test runners
  return origin === publicOrigin;
}
