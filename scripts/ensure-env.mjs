#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm packages from the lock file when node_modules is missing or
// older than the lock, and Debian's chromium when no browser is found (as root, with apt-get).
// Usage: node scripts/ensure-env.mjs [--no-browser]. Uses only node: built-ins (it runs before npm ci).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { findChromium } from './chromium-path.mjs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args, env = process.env) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env });

function ensurePackages() {
  const installed = `${root}node_modules/.package-lock.json`;
  const lock = `${root}package-lock.json`;
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('[ensure-env] node_modules is missing or older than package-lock.json: running npm ci');
  try {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  } catch {
    // NOTE: a registry mirror that lacks other platforms' optional binaries (e.g. @rollup/rollup-darwin-x64)
    // leaves them out of the lock, and npm 11's `npm ci` then refuses the lock as out of sync.
    // `npm install` installs the same locked versions and skips what this platform does not need.
    console.log('[ensure-env] npm ci refused the lock file; installing the locked versions with npm install');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
}

function hasAptGet() {
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ensureBrowser() {
  if (findChromium()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasAptGet()) {
    console.log('[ensure-env] no Chromium found: installing Debian\'s chromium with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], env);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], env);
    if (findChromium()) return;
  }
  console.error(
    '[ensure-env] No Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium) ' +
      'or point CHROMIUM_PATH at a Chromium/Chrome binary, then run the command again.',
  );
  process.exit(1);
}

ensurePackages();
if (!process.argv.includes('--no-browser')) ensureBrowser();
