// The mock broker platform: login pages, real sessions, the bridge page and the bridge's API.
import { fileURLToPath } from 'node:url';
import { createBenchHandler } from '../shared/bench-files.mjs';
import { createGatewayRegistry } from '../shared/gateways.mjs';
import { closeServer, createWebServer, listen } from '../shared/http.mjs';
import { createRouter } from '../shared/router.mjs';
import { createApiRoutes } from './api-routes.mjs';
import { bridgeHeaders } from './bridge-page.mjs';
import { createBridgeRoutes } from './bridge-routes.mjs';
import { createFaultState } from './faults.mjs';
import { createFaultRoutes } from './fault-routes.mjs';
import { createHumanRoutes } from './human-routes.mjs';
import { createSessionStore } from './sessions.mjs';
import { createWindowRoutes } from './window-routes.mjs';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const DEFAULT_HOST = '127.0.0.1';

/**
 * Starts the mock platform.
 * @param {object} options
 * @param {number} options.port port to listen on (0 picks a free one)
 * @param {string} [options.host] interface and origin host; the platform must be a different site
 *   from the partner, hence 127.0.0.1 next to the partner's localhost
 * @param {string[]} options.partnerOrigins origins the demo gateway trusts (frame-ancestors, allowlist)
 * @param {string} options.platformBundlePath absolute path of the built dist/scdk-platform.js
 * @param {boolean} [options.bench] also serve bench/pages/platform/ under /bench/ (npm run bench), with the
 *   bridge page's headers so the baseline's child page is framed under the same policy
 * @param {{ key: Buffer, cert: Buffer }} [options.tls] serve https with this key and certificate
 * @param {import('./session-cookies.mjs').SameSite} [options.sessionSameSite] the SameSite of the login cookies
 *   (default 'None'); tests change it per test with POST /__test/faults { sessionSameSite }
 * @returns {Promise<{ server: import('node:http').Server, origin: string, close(): Promise<void> }>}
 */
export async function createPlatformServer({ port, host = DEFAULT_HOST, partnerOrigins, platformBundlePath, bench = false, tls, sessionSameSite }) {
  const gateways = createGatewayRegistry({ partnerOrigins });
  const sessions = createSessionStore();
  const faults = createFaultState({ sessionSameSite });

  // Delays asked for by the apiDelayMs fault; cancelled on close so nothing outlives the server.
  const timers = new Set();
  const wait = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });

  const context = { gateways, sessions, faults, wait, platformBundlePath, publicDir: PUBLIC_DIR };
  const routes = new Map([
    ...createHumanRoutes(context),
    ...createBridgeRoutes(context),
    ...createApiRoutes(context),
    ...createFaultRoutes(context),
    ...createWindowRoutes(context),
  ]);
  const fallback = bench ? createBenchHandler('platform', bridgeHeaders({ partnerOrigins })) : undefined;
  const server = createWebServer(createRouter(routes, { fallback }), tls);
  const origin = await listen(server, port, host);

  return {
    server,
    origin,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await closeServer(server);
    },
  };
}
