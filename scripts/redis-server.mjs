// A throwaway redis-server for tests and benches: on a free loopback port, without persistence, stopped by
// the caller. Debian's package provides the binary (node scripts/ensure-env.mjs installs it).
import { spawn } from 'node:child_process';
import { freePort } from '../demo/shared/free-port.mjs';

const REDIS_HOST = '127.0.0.1';
/** redis-server prints this once it accepts connections. */
const READY_LINE = 'Ready to accept connections';
/** How often a start is retried when another process took the probed port before redis-server bound it. */
const START_ATTEMPTS = 5;

/** The binary: REDIS_SERVER_PATH, else `redis-server` on PATH. */
export const redisServerPath = () => process.env.REDIS_SERVER_PATH || 'redis-server';

/**
 * @param {number} port
 * @returns {Promise<import('node:child_process').ChildProcess>} resolves once it is ready, rejects if it exits first
 */
function spawnRedis(port) {
  const args = ['--port', String(port), '--bind', REDIS_HOST, '--save', '', '--appendonly', 'no'];
  const child = spawn(redisServerPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      if (output.includes(READY_LINE)) {
        cleanup();
        // Keep draining its log, which nobody reads, so the pipe never fills.
        child.stdout.resume();
        child.stderr.resume();
        resolve(child);
      }
    };
    const onError = (error) => {
      cleanup();
      reject(error.code === 'ENOENT'
        ? new Error(`redis-server not found (${redisServerPath()}). Run \`node scripts/ensure-env.mjs\` as root, which installs ` +
          "Debian's redis-server, or `apt-get install redis-server`, or point REDIS_SERVER_PATH at a redis-server 6.2 or later.")
        : error);
    };
    const onExit = (code) => {
      cleanup();
      reject(Object.assign(new Error(`redis-server exited (${code}) before it was ready:\n${output}`), { inUse: output.includes('Address already in use') }));
    };
    const cleanup = () => {
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('error', onError);
      child.off('exit', onExit);
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

/**
 * Starts a redis-server on a free loopback port.
 * @returns {Promise<{ host: string, port: number, url: string, stop(): Promise<void> }>}
 */
export async function startRedisServer() {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(REDIS_HOST);
    let child;
    try {
      child = await spawnRedis(port);
    } catch (error) {
      if (!error.inUse || attempt >= START_ATTEMPTS) throw error;
      continue;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return {
      host: REDIS_HOST,
      port,
      url: `redis://${REDIS_HOST}:${port}`,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  }
}
