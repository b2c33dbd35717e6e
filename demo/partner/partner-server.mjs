// The partner demo site: the demo page, the built SDK, a stand-in token backend and e2e fixtures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PREFIX, createBenchHandler } from '../shared/bench-files.mjs';
import { closeServer, createWebServer, listen, readBody, sendNoContent } from '../shared/http.mjs';
import { createRouter } from '../shared/router.mjs';
import { sendBundle } from '../shared/static-files.mjs';
import { defaultHtmlHeaders } from './html-headers.mjs';
import { createStaticHandler } from './static-handler.mjs';
import { createTokenRoutes } from './token-route.mjs';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const DEFAULT_FIXTURES_DIR = fileURLToPath(new URL('../../e2e/fixtures/', import.meta.url));
const DEFAULT_HOST = 'localhost';
/** Where test pages report what happened (only when a `reports` sink is given: the cross-engine runner). */
const REPORT_PATH = '/__e2e/report';
const MAX_REPORT_BYTES = 64 * 1024;

/**
 * POST /__e2e/report: hands `{ run, kind, data }` from a test page to the runner that started the server.
 * @param {(report: { run: string, kind: string, data: unknown }) => void} sink
 */
function reportRoute(sink) {
  return async (req, res) => {
    const raw = await readBody(req, MAX_REPORT_BYTES);
    try {
      const report = raw.ok ? JSON.parse(raw.text) : null;
      if (report && typeof report.run === 'string' && typeof report.kind === 'string') sink(report);
    } catch {
      // not JSON: nothing to hand on
    }
    sendNoContent(req, res);
  };
}

/**
 * The script that hands the platform origin to the demo page (CSP forbids inline scripts).
 * @param {string} platformOrigin
 * @returns {string}
 */
function demoConfigScript(platformOrigin) {
  return `window.DEMO_CONFIG = ${JSON.stringify({ platformUrl: platformOrigin })};\n`;
}

/**
 * Starts the partner demo site.
 * @param {object} options
 * @param {number} options.port port to listen on (0 picks a free one)
 * @param {string} [options.host] interface and origin host (localhost: a different site from the platform)
 * @param {string} options.platformOrigin the mock platform's origin, e.g. http://127.0.0.1:5174
 * @param {string} options.umdPath absolute path of the built dist/scdk.umd.js (its UI chunk, scdk-ui.js, is served from beside it)
 * @param {string} [options.fixturesDir] folder served under /e2e/ (default: e2e/fixtures in the repo)
 * @param {boolean} [options.bench] also serve bench/pages/partner/ under /bench/ (npm run bench)
 * @param {{ key: Buffer, cert: Buffer }} [options.tls] serve https with this key and certificate
 * @param {(report: { run: string, kind: string, data: unknown }) => void} [options.reports] receives what test
 *   pages POST to /__e2e/report (the route exists only when this is given)
 * @returns {Promise<{ server: import('node:http').Server, origin: string, close(): Promise<void> }>}
 */
export async function createPartnerServer({ port, host = DEFAULT_HOST, platformOrigin, umdPath, fixturesDir = DEFAULT_FIXTURES_DIR, bench = false, tls, reports }) {
  const routes = new Map([
    ...(reports ? [[REPORT_PATH, { POST: reportRoute(reports) }]] : []),
    ['/scdk.umd.js', { GET: (_req, res) => sendBundle(res, umdPath) }],
    // The UI chunk the script-tag build loads beside itself on first use.
    ['/scdk-ui.js', { GET: (_req, res) => sendBundle(res, path.join(path.dirname(umdPath), 'scdk-ui.js')) }],
    ['/demo-config.js', {
      GET: (_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/javascript; charset=utf-8',
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
        });
        res.end(demoConfigScript(platformOrigin));
      },
    }],
    ...createTokenRoutes(),
    ['/favicon.ico', { GET: sendNoContent }],
  ]);
  const serveStatic = createStaticHandler({ publicDir: PUBLIC_DIR, fixturesDir, platformOrigin });
  const serveBench = bench ? createBenchHandler('partner', defaultHtmlHeaders(platformOrigin)) : null;
  const fallback = serveBench
    ? (req, res, url) => (url.pathname.startsWith(BENCH_PREFIX) ? serveBench(req, res, url) : serveStatic(req, res, url))
    : serveStatic;
  const server = createWebServer(createRouter(routes, { fallback }), tls);
  const origin = await listen(server, port, host);
  return { server, origin, close: () => closeServer(server) };
}
