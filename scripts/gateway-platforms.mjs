// The gateway-to-platform table the SDK is built with. src/sdk/gateway-platforms.json is the one table
// (only `demo`, the mock platform); an operator adds gateways at build time with
// SCDK_GATEWAY_PLATFORMS=path/to/file.json, whose entries are merged over it. Checked here, so a bad
// entry stops the build instead of shipping a bundle that loads a bridge from the wrong place.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The table in the repository, imported by src/sdk/platforms.ts. */
export const GATEWAY_PLATFORMS_PATH = fileURLToPath(new URL('../src/sdk/gateway-platforms.json', import.meta.url));
/** The environment variable naming the operator's extra table. */
export const GATEWAY_PLATFORMS_ENV = 'SCDK_GATEWAY_PLATFORMS';

/** What `config.gateway` accepts (src/sdk/options.ts): a name the SDK refuses could never be looked up. */
const GATEWAY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Plain http is for a platform on this machine only, as for `config.platformUrl`. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** @param {string} file @returns {Record<string, unknown>} */
function readTable(file) {
  let table;
  try {
    table = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a readable JSON file (${error.message}).`);
  }
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new Error(`${file}: must be a JSON object of gateway name to platform origin, e.g. {"acme": "https://platform.acme.example"}.`);
  }
  return table;
}

/** @param {string} file @param {string} gateway @param {unknown} origin */
function checkEntry(file, gateway, origin) {
  if (!GATEWAY_NAME.test(gateway)) throw new Error(`${file}: "${gateway}" is not a gateway name (letters, digits, ".", "_", "-"; up to 64).`);
  let url;
  try {
    url = typeof origin === 'string' ? new URL(origin) : undefined;
  } catch {
    // not a URL: refused below
  }
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
  if (!url || !secure || url.origin !== origin) {
    throw new Error(`${file}: the platform of "${gateway}" must be an origin such as "https://platform.example" (http on loopback only: localhost, 127.0.0.1, [::1]), got ${JSON.stringify(origin)}.`);
  }
}

/**
 * The table to build with: the repository's, with the operator's file (if any) merged over it.
 * @param {string} [extraFile] the operator's table (the build passes what `SCDK_GATEWAY_PLATFORMS` names)
 * @returns {Record<string, string>}
 */
export function readGatewayPlatforms(extraFile) {
  const files = [GATEWAY_PLATFORMS_PATH, ...(extraFile ? [resolve(extraFile)] : [])];
  const merged = {};
  for (const file of files) {
    for (const [gateway, origin] of Object.entries(readTable(file))) {
      checkEntry(file, gateway, origin);
      merged[gateway] = origin;
    }
  }
  return merged;
}

/** Rollup plugin: serves src/sdk/gateway-platforms.json as a module holding the merged table. */
export function gatewayPlatforms() {
  return {
    name: 'gateway-platforms',
    load(id) {
      if (id !== GATEWAY_PLATFORMS_PATH) return null;
      const extraFile = process.env[GATEWAY_PLATFORMS_ENV];
      if (extraFile) this.addWatchFile(resolve(extraFile));
      return { code: `export default ${JSON.stringify(readGatewayPlatforms(extraFile))};`, map: { mappings: '' } };
    },
  };
}
