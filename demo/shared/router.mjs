// A tiny exact-path router shared by both demo servers.
import { sendMethodNotAllowed, sendText } from './http.mjs';

/**
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL)
 *   => unknown} Handler
 * @typedef {Map<string, Record<string, Handler>>} Routes path -> method -> handler
 */

/**
 * Builds a request listener. Exact paths go to `routes` (HEAD is answered by the GET handler);
 * anything else goes to `fallback`, or 404. A handler that throws gets a 500 and a log line.
 * @param {Routes} routes
 * @param {{ fallback?: Handler }} [options]
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createRouter(routes, { fallback } = {}) {
  return (req, res) => {
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://router.invalid');
    } catch {
      sendText(res, 400, 'Malformed request URL.\n');
      return;
    }
    const methods = routes.get(url.pathname);
    let handler;
    if (methods) {
      const method = req.method === 'HEAD' ? 'GET' : req.method ?? 'GET';
      handler = methods[method];
      if (!handler) {
        sendMethodNotAllowed(res, Object.keys(methods));
        return;
      }
    } else {
      handler = fallback ?? ((_req, response) => sendText(response, 404, 'Not found.\n'));
    }
    Promise.resolve()
      .then(() => handler(req, res, url))
      .catch((error) => {
        console.error(`[scdk demo] ${req.method} ${url.pathname} failed:`, error);
        if (!res.headersSent) sendText(res, 500, 'Internal error in the demo server; see its console.\n');
        else res.destroy();
      });
  };
}
