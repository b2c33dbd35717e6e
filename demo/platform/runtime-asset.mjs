// The platform runtime (dist/scdk-platform.js) as a versioned asset: pages reference it as
// /scdk/v1/scdk-platform.js?v=<content hash>, and that exact version is served as immutable, so a new
// bridge iframe costs one request (the page) instead of three. Any other URL gets `no-cache`.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { sendBundle, readFileIfPresent } from '../shared/static-files.mjs';
import { PLATFORM_BUNDLE_PATH } from './bridge-page.mjs';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASH_CHARS = 16;

/**
 * @param {string} bundlePath absolute path of the built runtime (re-read when it changes on disk)
 */
export function createRuntimeAsset(bundlePath) {
  /** @type {{ key: string, hash: string | null } | null} */
  let cached = null;

  async function currentHash() {
    let key;
    try {
      const info = await stat(bundlePath);
      key = `${info.mtimeMs}:${info.size}`;
    } catch {
      return null;
    }
    if (cached?.key !== key) {
      const body = await readFileIfPresent(bundlePath);
      cached = { key, hash: body ? createHash('sha256').update(body).digest('hex').slice(0, HASH_CHARS) : null };
    }
    return cached.hash;
  }

  return {
    /** The URL pages should load the runtime from. */
    async url() {
      const hash = await currentHash();
      return hash ? `${PLATFORM_BUNDLE_PATH}?v=${hash}` : PLATFORM_BUNDLE_PATH;
    },
    /** @param {import('node:http').IncomingMessage} _req @param {import('node:http').ServerResponse} res @param {URL} url */
    async send(_req, res, url) {
      const hash = await currentHash();
      const versioned = hash !== null && url.searchParams.get('v') === hash;
      await sendBundle(res, bundlePath, versioned ? IMMUTABLE : 'no-cache');
    },
  };
}
