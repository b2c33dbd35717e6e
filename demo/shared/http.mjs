// Small response/request helpers shared by both demo servers.
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { Server as HttpsServer, createServer as createHttpsServer } from 'node:https';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/**
 * Sends `body` as JSON, never cached.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string | string[]>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  send(res, status, JSON.stringify(body), { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers });
}

/**
 * Sends the error shape `{ error: { code, message, detail } }` both demo servers use.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status HTTP status
 * @param {{ code: number, message: string, detail: string }} error
 * @param {Record<string, string | string[]>} [headers]
 */
export function sendError(res, status, { code, message, detail }, headers = {}) {
  sendJson(res, status, { error: { code, message, detail } }, headers);
}

/**
 * Sends an HTML document.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} html
 * @param {Record<string, string | string[]>} [headers]
 */
export function sendHtml(res, status, html, headers = {}) {
  send(res, status, html, { 'content-type': HTML_TYPE, 'cache-control': 'no-store', ...headers });
}

/**
 * Sends plain text.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string | string[]>} [headers]
 */
export function sendText(res, status, text, headers = {}) {
  send(res, status, text, { 'content-type': TEXT_TYPE, 'cache-control': 'no-store', ...headers });
}

/**
 * Sends a 303 See Other to `location`.
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 * @param {Record<string, string | string[]>} [headers]
 */
export function redirect(res, location, headers = {}) {
  send(res, 303, '', { location, 'cache-control': 'no-store', ...headers });
}

/**
 * Answers 204 with no body, e.g. for /favicon.ico so browsers log no 404.
 * @param {import('node:http').IncomingMessage} _req
 * @param {import('node:http').ServerResponse} res
 */
export function sendNoContent(_req, res) {
  send(res, 204, '', { 'cache-control': 'max-age=86400' });
}

/**
 * Answers 405 with the allowed methods.
 * @param {import('node:http').ServerResponse} res
 * @param {string[]} allowed
 */
export function sendMethodNotAllowed(res, allowed) {
  sendText(res, 405, `Method not allowed. Use ${allowed.join(' or ')}.\n`, { allow: allowed.join(', ') });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string | string[]>} headers
 */
function send(res, status, body, headers) {
  res.writeHead(status, { 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

/**
 * Reads a request body as UTF-8 text, refusing more than `maxBytes`.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} maxBytes
 * @returns {Promise<{ ok: true, text: string } | { ok: false, reason: 'too_large' | 'aborted' }>}
 */
export function readBody(req, maxBytes) {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume(); // discard the body; the caller answers 413 and closes the connection
      resolve({ ok: false, reason: 'too_large' });
      return;
    }
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve({ ok: false, reason: 'too_large' });
    };
    req.on('data', onData);
    req.once('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

/**
 * Parses a `Cookie` request header (RFC 6265 §5.4). Malformed pairs are skipped; when a name
 * repeats, the first one wins (browsers list the most specific path first).
 * @param {string | undefined} header
 * @returns {Map<string, string>}
 */
export function parseCookies(header) {
  const cookies = new Map();
  if (typeof header !== 'string') return cookies;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const name = pair.slice(0, separator).trim();
    let value = pair.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // Not percent-decodable: not a cookie this server set; ignore it.
    }
  }
  return cookies;
}

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @param {unknown} value
 * @returns {string}
 */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Starts `server` listening and resolves with its origin (`http://host:port`, or https:// for a TLS
 * server; the real port if 0).
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<string>}
 */
export async function listen(server, port, host) {
  server.listen(port, host);
  await once(server, 'listening'); // rejects on 'error', e.g. EADDRINUSE
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const scheme = server instanceof HttpsServer ? 'https' : 'http';
  return `${scheme}://${host}:${actualPort}`;
}

/** How long an idle keep-alive socket stays open on the demo's servers. */
const IDLE_SOCKET_MS = 120_000;

/**
 * An HTTP server, or an HTTPS one when `tls` (a key and certificate) is given.
 * @param {import('node:http').RequestListener} handler
 * @param {{ key: Buffer, cert: Buffer } | undefined} tls
 * @returns {import('node:http').Server}
 */
export function createWebServer(handler, tls) {
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
  // Node closes an idle keep-alive socket after 5 s; a client that reuses it at that moment (a test's
  // request context after a slow step on a loaded machine) gets ECONNRESET. Idle sockets stay open longer
  // than any client here keeps one, so the client always closes first.
  server.keepAliveTimeout = IDLE_SOCKET_MS;
  server.headersTimeout = IDLE_SOCKET_MS + 1000;
  return server;
}

/**
 * Stops `server` and destroys every open socket, including requests left hanging on purpose.
 * @param {import('node:http').Server} server
 * @returns {Promise<void>}
 */
export function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) {
      server.closeAllConnections();
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
