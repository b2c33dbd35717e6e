// Bench-only static files (npm run bench, off otherwise): bench/pages/<site>/ under /bench/, penpal's own
// browser build at /bench/vendor/penpal.min.js (a devDependency, used only by the bench's baseline), and
// the baseline child's single script (penpal + penpal-child.js, the way a penpal user would bundle them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendMethodNotAllowed, sendText } from './http.mjs';
import { contentTypeFor, readFileIfPresent, resolveInside } from './static-files.mjs';

export const BENCH_PREFIX = '/bench/';
const BENCH_PAGES_DIR = fileURLToPath(new URL('../../bench/pages/', import.meta.url));
const PENPAL_PATH = '/bench/vendor/penpal.min.js';
const PENPAL_BUILD = fileURLToPath(new URL('../../node_modules/penpal/dist/penpal.min.js', import.meta.url));
const PENPAL_CHILD_BUNDLE_PATH = '/bench/penpal-child.bundle.js';
const PENPAL_CHILD_SOURCE = 'penpal-child.js';
const HTML_TYPE = 'text/html; charset=utf-8';

/**
 * The file(s) a bench URL is made of, in order; null entries are paths that escape the folder.
 * @param {string} pathname
 * @param {string} root
 * @returns {(string | null)[]}
 */
function partsOf(pathname, root) {
  if (pathname === PENPAL_PATH) return [PENPAL_BUILD];
  if (pathname === PENPAL_CHILD_BUNDLE_PATH) return [PENPAL_BUILD, path.join(root, PENPAL_CHILD_SOURCE)];
  return [resolveInside(root, pathname.slice(BENCH_PREFIX.length - 1))];
}

/**
 * Serves `/bench/<file>` from `bench/pages/<site>/`. Caching matches the SDK's own files (`no-cache`, no
 * validators), so the baseline pays for its script on every cold iframe exactly as the bridge does.
 * @param {'partner' | 'platform'} site which folder of bench/pages/ this server serves
 * @param {Record<string, string>} htmlHeaders the site's usual page headers (CSP), for HTML files
 * @returns {import('./router.mjs').Handler}
 */
export function createBenchHandler(site, htmlHeaders) {
  const root = path.join(BENCH_PAGES_DIR, site);
  return async function serveBench(req, res, url) {
    if (!url.pathname.startsWith(BENCH_PREFIX)) {
      sendText(res, 404, 'Not found.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendMethodNotAllowed(res, ['GET', 'HEAD']);
      return;
    }
    const parts = partsOf(url.pathname, root);
    const bodies = await Promise.all(parts.map((part) => (part ? readFileIfPresent(part) : null)));
    // A newline between parts, so a file ending in a line comment cannot swallow the next one.
    const body = bodies.includes(null) ? null : Buffer.concat(bodies.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from('\n'), part])));
    if (body === null) {
      const hint = parts[0] === PENPAL_BUILD ? ' penpal is a devDependency: run npm ci.' : '';
      sendText(res, 404, `Not found.${hint}\n`);
      return;
    }
    const type = contentTypeFor(parts[0]);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(type === HTML_TYPE ? htmlHeaders : {}),
    });
    res.end(body);
  };
}
