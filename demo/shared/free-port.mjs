// A loopback port nothing listens on right now: the OS picks it (listen on 0), then it is released.
// Another process could take it before it is used again, so callers that bind it retry on EADDRINUSE.
import { createServer } from 'node:net';

/**
 * @param {string} [host] the interface to probe on (the demo's sites are localhost and 127.0.0.1)
 * @returns {Promise<number>}
 */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
