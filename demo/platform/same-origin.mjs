// Refuses state-changing requests that another site's page made (CSRF), since the platform's
// cookies are SameSite=None and so travel with cross-site requests.

/**
 * Did the request come from one of the platform's own pages (or from a non-browser client)?
 * Uses Sec-Fetch-Site where the browser sends it, else compares Origin with the Host header.
 * @param {import('node:http').IncomingMessage} req
 * @returns {boolean}
 */
export function isSameOriginRequest(req) {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not sent by a browser page: curl, test runners
  const scheme = /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted ? 'https' : 'http';
  return origin === `${scheme}://${req.headers.host}`;
}
