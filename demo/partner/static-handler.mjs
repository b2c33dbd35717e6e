// Static files of the partner site: the demo page from public/, and e2e fixture pages under /e2e/.
import { sendText } from '../shared/http.mjs';
import { contentTypeFor, readFileIfPresent, resolveInside } from '../shared/static-files.mjs';
import { defaultHtmlHeaders, fillPlaceholders, isHeadersFile, readHeaderOverride } from './html-headers.mjs';

const INDEX_FILE = 'index.html';
const E2E_PREFIX = '/e2e/';
const HTML_TYPE = 'text/html; charset=utf-8';

/**
 * Builds the fallback handler that serves files. `/` is `index.html`; `/e2e/<file>` comes from
 * the e2e fixtures folder, where `<page>.html.headers` may replace the page's default headers.
 * @param {{ publicDir: string, fixturesDir: string, platformOrigin: string }} options
 * @returns {import('../shared/router.mjs').Handler}
 */
export function createStaticHandler({ publicDir, fixturesDir, platformOrigin }) {
  return async function serveStatic(req, res, url) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed. Use GET.\n', { allow: 'GET, HEAD' });
      return;
    }
    const isFixture = url.pathname.startsWith(E2E_PREFIX);
    const root = isFixture ? fixturesDir : publicDir;
    const relative = isFixture ? url.pathname.slice(E2E_PREFIX.length - 1) : url.pathname;
    const filePath = resolveInside(root, relative === '/' ? `/${INDEX_FILE}` : relative);
    const body = filePath && !isHeadersFile(filePath) ? await readFileIfPresent(filePath) : null;
    if (body === null) {
      sendText(res, 404, 'Not found.\n');
      return;
    }
    const type = contentTypeFor(filePath);
    if (type !== HTML_TYPE) {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      res.end(body);
      return;
    }
    let override = null;
    try {
      override = isFixture ? await readHeaderOverride(filePath, platformOrigin) : null;
    } catch (error) {
      sendText(res, 500, `${error.message}\n`); // the fixture author needs to see what is wrong
      return;
    }
    res.writeHead(200, {
      'content-type': HTML_TYPE,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      // The demo page's "form-action 'self'" setting (?formAction=self) comes with the page, as a partner's CSP does.
      ...(override ?? defaultHtmlHeaders(platformOrigin, { formActionSelf: !isFixture && url.searchParams.get('formAction') === 'self' })),
    });
    res.end(fillPlaceholders(body.toString('utf8'), platformOrigin));
  };
}
