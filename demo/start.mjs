// Starts the partner demo (http://localhost:PARTNER_PORT) and the mock platform
// (http://127.0.0.1:PLATFORM_PORT) together. `node demo/start.mjs`, or import startDemo() in tests.
// `node demo/start.mjs --https` (npm run start:https) serves both over https with a local certificate
// authority made in .certs/ (gitignored): trust .certs/ca.pem in the browser, or accept the warning once per site.
import { realpathSync } from 'node:fs';
import { ensureLocalCerts } from '../scripts/make-certs.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPartnerServer } from './partner/partner-server.mjs';
import { createPlatformServer } from './platform/platform-server.mjs';
import { freePort } from './shared/free-port.mjs';
import { DEFAULT_SESSION_SAMESITE } from './platform/session-cookies.mjs';
import { DEFAULT_PLATFORM_PORT, PLATFORM_HOST, portFromEnv, sessionSameSiteFromEnv } from './shared/env-settings.mjs';

const DEFAULT_PARTNER_PORT = 5173;
const PARTNER_HOST = 'localhost';
const UMD_BUNDLE_PATH = fileURLToPath(new URL('../dist/scdk.umd.js', import.meta.url));
const LOCAL_CERTS_DIR = fileURLToPath(new URL('../.certs/', import.meta.url));

/**
 * Starts both demo servers. The platform trusts exactly the partner's origin.
 * @param {{ partnerPort?: number, platformPort?: number, quiet?: boolean, bench?: boolean,
 *   tls?: { key: Buffer, cert: Buffer }, reports?: (report: { run: string, kind: string, data: unknown }) => void,
 *   sessionSameSite?: import('./platform/session-cookies.mjs').SameSite, inlineRuntime?: boolean }} [options]
 *   `quiet` suppresses the startup lines; `bench` also serves bench/pages/ under /bench/ on both sites;
 *   `tls` serves both sites over https with that key and certificate (valid for localhost and 127.0.0.1);
 *   `reports` receives what test pages POST to the partner's /__e2e/report (the cross-engine runner);
 *   `sessionSameSite` is the SameSite of the platform's login cookies (default 'None');
 *   `inlineRuntime` serves the bridge page with the runtime inline (scdk/server's option; the bench compares)
 * @returns {Promise<{ partner: { origin: string, server: import('node:http').Server, close(): Promise<void> },
 *   platform: { origin: string, server: import('node:http').Server, close(): Promise<void> },
 *   close(): Promise<void> }>}
 */
export async function startDemo({ partnerPort = DEFAULT_PARTNER_PORT, platformPort = DEFAULT_PLATFORM_PORT, quiet = false, bench = false, tls, reports, sessionSameSite, inlineRuntime } = {}) {
  // Each server is configured with the other's origin, so both ports must be known up front (not 0).
  if (!Number.isInteger(partnerPort) || !Number.isInteger(platformPort) || partnerPort <= 0 || platformPort <= 0) {
    throw new Error(`startDemo needs fixed ports; got partnerPort ${partnerPort}, platformPort ${platformPort}.`);
  }
  const scheme = tls ? 'https' : 'http';
  const partnerOrigin = `${scheme}://${PARTNER_HOST}:${partnerPort}`;
  const platformOrigin = `${scheme}://${PLATFORM_HOST}:${platformPort}`;
  const platform = await createPlatformServer({
    port: platformPort,
    host: PLATFORM_HOST,
    partnerOrigins: [partnerOrigin],
    bench,
    tls,
    sessionSameSite,
    inlineRuntime,
  });
  let partner;
  try {
    partner = await createPartnerServer({ port: partnerPort, host: PARTNER_HOST, platformOrigin, umdPath: UMD_BUNDLE_PATH, bench, tls, reports });
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

/** How often startDemoOnFreePorts picks new ports when another process took one between probe and bind. */
const FREE_PORT_ATTEMPTS = 5;

/**
 * Starts both demo servers on two ports the OS reports free (one demo per test worker, so no worker sees
 * another's sessions or faults). Takes startDemo's other options.
 * @param {Omit<Parameters<typeof startDemo>[0], 'partnerPort' | 'platformPort'>} [options]
 * @returns {ReturnType<typeof startDemo>}
 */
export async function startDemoOnFreePorts(options = {}) {
  for (let attempt = 1; ; attempt++) {
    const partnerPort = await freePort(PARTNER_HOST);
    let platformPort = await freePort(PLATFORM_HOST);
    while (platformPort === partnerPort) platformPort = await freePort(PLATFORM_HOST);
    try {
      return await startDemo({ ...options, partnerPort, platformPort, quiet: true });
    } catch (error) {
      if (error?.code !== 'EADDRINUSE' || attempt >= FREE_PORT_ATTEMPTS) throw error;
    }
  }
}

async function main() {
  const partnerPort = portFromEnv('PARTNER_PORT', DEFAULT_PARTNER_PORT);
  const platformPort = portFromEnv('PLATFORM_PORT', DEFAULT_PLATFORM_PORT);
  const sessionSameSite = sessionSameSiteFromEnv();
  const https = process.argv.includes('--https');
  let demo;
  try {
    const tls = https ? ensureLocalCerts(LOCAL_CERTS_DIR) : undefined;
    demo = await startDemo({ partnerPort, platformPort, tls, sessionSameSite });
  } catch (error) {
    const hint = error && error.code === 'EADDRINUSE' ? ' Another process uses that port: set PARTNER_PORT / PLATFORM_PORT.' : '';
    console.error(`Could not start the demo: ${error && error.message}.${hint}`);
    process.exit(1);
  }
  if (sessionSameSite !== DEFAULT_SESSION_SAMESITE) {
    console.log(`The platform's session cookie is SameSite=${sessionSameSite}: the hidden iframe never sees it, so logouts use the platform window.`);
  }
  console.log(`Try it: open ${demo.partner.origin}/, choose "Log in on the platform", then "Continue as AB1234" on the platform, then "Log out from broker".`);
  if (https) {
    console.log(`https: the certificate authority is ${LOCAL_CERTS_DIR}ca.pem (made on this machine, never committed).`);
    console.log('Trust it in your browser, or accept the certificate warning once on each of the two sites.');
  }

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
