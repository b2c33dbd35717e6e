// Safe static-file lookup: URL path -> file inside a root folder, plus content types.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sendText } from './http.mjs';

const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
});
const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/**
 * Maps a URL path (still percent-encoded) to a file path inside `root`, or null when the path
 * is malformed or would escape `root` (`..`, encoded slashes, NUL bytes, backslashes).
 * @param {string} root absolute folder
 * @param {string} urlPath e.g. `/app.js`
 * @returns {string | null}
 */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rootDir = path.resolve(root);
  const resolved = path.resolve(rootDir, `.${path.posix.normalize(`/${decoded}`)}`);
  return resolved.startsWith(rootDir + path.sep) ? resolved : null;
}

/**
 * The `content-type` for a file, by extension.
 * @param {string} filePath
 * @returns {string}
 */
export function contentTypeFor(filePath) {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

/**
 * Reads a regular file, or resolves null when it does not exist or is not a file.
 * @param {string} filePath
 * @returns {Promise<Buffer | null>}
 */
export async function readFileIfPresent(filePath) {
  try {
    const info = await stat(filePath);
    return info.isFile() ? await readFile(filePath) : null;
  } catch {
    return null;
  }
}

/**
 * Serves a built bundle from `dist/`, read on every request so a rebuild needs no restart.
 * Answers 503 with a hint when the bundle has not been built.
 * @param {import('node:http').ServerResponse} res
 * @param {string} filePath absolute path of the bundle
 * @param {string} [cacheControl] `no-cache` unless the URL names an exact content version
 */
export async function sendBundle(res, filePath, cacheControl = 'no-cache') {
  const body = await readFileIfPresent(filePath);
  if (body === null) {
    sendText(res, 503, `${path.basename(filePath)} is not built yet (looked for ${filePath}): run npm run build, then reload.\n`);
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeFor(filePath),
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
