// Starts the partner demo (http://localhost:PARTNER_PORT) and the mock platform
// (http://127.0.0.1:PLATFORM_PORT) together. `node demo/start.mjs`, or import startDemo() in tests.
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPartnerServer } from './partner/partner-server.mjs';
import { createPlatformServer } from './platform/platform-server.mjs';

const DEFAULT_PARTNER_PORT = 5173;
const DEFAULT_PLATFORM_PORT = 5174;
const PARTNER_HOST = 'localhost';
const PLATFORM_HOST = '127.0.0.1';
const UMD_BUNDLE_PATH = fileURLToPath(new URL('../dist/scdk.umd.js', import.meta.url));
const PLATFORM_BUNDLE_PATH = fileURLToPath(new URL('../dist/scdk-platform.js', import.meta.url));

/**
 * Starts both demo servers. The platform trusts exactly the partner's origin.
 * @param {{ partnerPort?: number, platformPort?: number, quiet?: boolean, bench?: boolean }} [options]
 *   `quiet` suppresses the startup lines; `bench` also serves bench/pages/ under /bench/ on both sites
 * @returns {Promise<{ partner: { origin: string, server: import('node:http').Server, close(): Promise<void> },
 *   platform: { origin: string, server: import('node:http').Server, close(): Promise<void> },
 *   close(): Promise<void> }>}
 */
export async function startDemo({ partnerPort = DEFAULT_PARTNER_PORT, platformPort = DEFAULT_PLATFORM_PORT, quiet = false, bench = false } = {}) {
  // Each server is configured with the other's origin, so both ports must be known up front (not 0).
  if (!Number.isInteger(partnerPort) || !Number.isInteger(platformPort) || partnerPort <= 0 || platformPort <= 0) {
    throw new Error(`startDemo needs fixed ports; got partnerPort ${partnerPort}, platformPort ${platformPort}.`);
  }
  const partnerOrigin = `http://${PARTNER_HOST}:${partnerPort}`;
  const platformOrigin = `http://${PLATFORM_HOST}:${platformPort}`;
  const platform = await createPlatformServer({
    port: platformPort,
    host: PLATFORM_HOST,
    partnerOrigins: [partnerOrigin],
    platformBundlePath: PLATFORM_BUNDLE_PATH,
    bench,
  });
  let partner;
  try {
    partner = await createPartnerServer({ port: partnerPort, host: PARTNER_HOST, platformOrigin, umdPath: UMD_BUNDLE_PATH, bench });
  } catch (error) {
    await platform.close();
    throw error;
  }
  if (!quiet) {
    console.log(`Partner demo:  ${partner.origin}/`);
    console.log(`Mock platform: ${platform.origin}/`);
  }
  return {
    partner,
    platform,
    close: async () => {
      await Promise.all([partner.close(), platform.close()]);
    },
  };
}

/**
 * Reads a port from the environment, or exits with a message naming the variable.
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name} must be a port number from 1 to 65535; got "${raw}".`);
    process.exit(1);
  }
  return port;
}

async function main() {
  const partnerPort = portFromEnv('PARTNER_PORT', DEFAULT_PARTNER_PORT);
  const platformPort = portFromEnv('PLATFORM_PORT', DEFAULT_PLATFORM_PORT);
  let demo;
  try {
    demo = await startDemo({ partnerPort, platformPort });
  } catch (error) {
    const hint = error && error.code === 'EADDRINUSE' ? ' Another process uses that port: set PARTNER_PORT / PLATFORM_PORT.' : '';
    console.error(`Could not start the demo: ${error && error.message}.${hint}`);
    process.exit(1);
  }
  console.log(`Try it: log in at ${demo.platform.origin}/login?gateway=demo, then press "Log out from broker" on ${demo.partner.origin}/ (run npm run build first).`);

  const shutDown = async () => {
    await demo.close();
    process.exit(0);
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}

const isDirectRun = process.argv[1] !== undefined &&
  pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
if (isDirectRun) await main();
