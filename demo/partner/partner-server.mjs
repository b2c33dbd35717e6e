// The partner demo site: the demo page, the built SDK, a stand-in token backend and e2e fixtures.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { BENCH_PREFIX, createBenchHandler } from '../shared/bench-files.mjs';
import { closeServer, listen, sendNoContent } from '../shared/http.mjs';
import { createRouter } from '../shared/router.mjs';
import { sendBundle } from '../shared/static-files.mjs';
import { defaultHtmlHeaders } from './html-headers.mjs';
import { createStaticHandler } from './static-handler.mjs';
import { createTokenRoutes } from './token-route.mjs';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const DEFAULT_FIXTURES_DIR = fileURLToPath(new URL('../../e2e/fixtures/', import.meta.url));
const DEFAULT_HOST = 'localhost';

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
 * @param {string} options.umdPath absolute path of the built dist/scdk.umd.js
 * @param {string} [options.fixturesDir] folder served under /e2e/ (default: e2e/fixtures in the repo)
 * @param {boolean} [options.bench] also serve bench/pages/partner/ under /bench/ (npm run bench)
 * @returns {Promise<{ server: import('node:http').Server, origin: string, close(): Promise<void> }>}
 */
export async function createPartnerServer({ port, host = DEFAULT_HOST, platformOrigin, umdPath, fixturesDir = DEFAULT_FIXTURES_DIR, bench = false }) {
  const routes = new Map([
    ['/scdk.umd.js', { GET: (_req, res) => sendBundle(res, umdPath) }],
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
  const server = createServer(createRouter(routes, { fallback }));
  const origin = await listen(server, port, host);
  return { server, origin, close: () => closeServer(server) };
}
