#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm packages from the lock file with `npm ci` when node_modules is
// missing or older than the lock (a lock that npm ci refuses fails loudly), and Debian's chromium when no
// browser is found (as root, with apt-get).
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
    // No fallback to `npm install`: it would rewrite package-lock.json, and what runs would no longer be
    // what the lock says. A lock that `npm ci` refuses is a bug to fix in the repository, not here.
    console.error(
      '[ensure-env] npm ci refused package-lock.json (see the error above). The lock is out of sync with ' +
        'package.json, or lacks an optional package of another platform. Fix it in the repository: ' +
        '`npm install --package-lock-only`, check that `npm ci` then succeeds, and commit the lock.',
    );
    process.exit(1);
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
