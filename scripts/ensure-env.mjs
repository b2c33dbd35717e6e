#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm packages from the lock file with `npm ci` when node_modules is
// missing or older than the lock (a lock that npm ci refuses fails loudly), and the Debian packages the
// tests drive when they are missing (as root, with apt-get): chromium, firefox-esr, webkit2gtk-driver, xvfb, openssl,
// redis-server, and for the WebKitGTK host app (e2e-apps/): python3-gi, gir1.2-webkit2-4.1, xdotool.
// Usage: node scripts/ensure-env.mjs [--no-browser]. Uses only node: built-ins (it runs before npm ci).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';
// drivers.mjs loads its npm packages lazily, so importing its paths here works before npm ci.
import { FIREFOX_PATH, WEBKIT_DRIVER_PATH } from '../e2e-engines/drivers.mjs';
import { HOST_APP_PYTHON } from '../e2e-apps/python.mjs';
import { findChromium } from './chromium-path.mjs';
import { redisServerPath } from './redis-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args, env = process.env) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env });

function ensurePackages() {
  const installed = `${root}node_modules/.package-lock.json`;
  const lock = `${root}package-lock.json`;
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  // A node_modules that links to another checkout's (a git worktree) is not ours to reinstall: npm ci
  // empties the link's target before it replaces the link, which would break that checkout too.
  if (isSymlink(`${root}node_modules`)) {
    console.log('[ensure-env] node_modules is a link to another checkout\'s packages: leaving it as it is (run npm ci there if it is stale)');
    return;
  }
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

function isSymlink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function hasCommand(name) {
  try {
    // The name as an argument, not spliced into the script: REDIS_SERVER_PATH may hold any path.
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function hasPythonModule(name) {
  try {
    execFileSync(HOST_APP_PYTHON, ['-c', `import ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function hasWebKitTypelib() {
  try {
    execFileSync(HOST_APP_PYTHON, ['-c', "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the tests drive, each with the Debian package that brings it: Chromium (Playwright), Firefox ESR
 * (puppeteer-core over WebDriver BiDi), WebKitGTK's WebKitWebDriver and MiniBrowser (selenium-webdriver),
 * Xvfb for WebKit's window, openssl for the test certificates, redis-server for the one-time-id store's
 * contract test (test/unit/one-time-store-contract.spec.ts starts its own), and the WebKitGTK host app's
 * Python bindings and xdotool (its real X clicks).
 */
const BROWSER_PACKAGES = [
  { what: 'Chromium', found: () => Boolean(findChromium()), pkg: 'chromium', hint: 'or point CHROMIUM_PATH at a Chromium/Chrome binary' },
  { what: 'Firefox ESR', found: () => existsSync(FIREFOX_PATH), pkg: 'firefox-esr', hint: 'or point FIREFOX_PATH at it' },
  { what: 'WebKitWebDriver', found: () => existsSync(WEBKIT_DRIVER_PATH), pkg: 'webkit2gtk-driver', hint: 'or point WEBKIT_DRIVER_PATH at it' },
  { what: 'xvfb-run', found: () => hasCommand('xvfb-run'), pkg: 'xvfb', hint: '' },
  { what: 'openssl', found: () => hasCommand('openssl'), pkg: 'openssl', hint: '' },
  { what: 'redis-server', found: () => hasCommand(redisServerPath()), pkg: 'redis-server', hint: 'or point REDIS_SERVER_PATH at a redis-server 6.2 or later' },
  // The host app runs on Debian's own Python: a `python3` earlier on PATH (pyenv, a venv) may lack gi.
  { what: "Python's GObject bindings", found: () => hasPythonModule('gi'), pkg: 'python3-gi', hint: '' },
  { what: 'WebKit2GTK 4.1 introspection data', found: () => hasWebKitTypelib(), pkg: 'gir1.2-webkit2-4.1', hint: '' },
  { what: 'xdotool', found: () => hasCommand('xdotool'), pkg: 'xdotool', hint: '' },
];

function ensureBrowsers() {
  let missing = BROWSER_PACKAGES.filter((entry) => !entry.found());
  if (!missing.length) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasCommand('apt-get')) {
    const names = missing.map((entry) => entry.pkg);
    console.log(`[ensure-env] missing ${missing.map((entry) => entry.what).join(', ')}: installing Debian's ${names.join(' ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], env);
    run('apt-get', ['install', '-y', '-qq', ...names], env);
    missing = missing.filter((entry) => !entry.found());
    if (!missing.length) return;
  }
  for (const { what, pkg, hint } of missing) {
    console.error(`[ensure-env] ${what} not found. Install it (Debian/Ubuntu: sudo apt-get install ${pkg})${hint ? ` ${hint}` : ''}, then run the command again.`);
  }
  process.exit(1);
}

ensurePackages();
if (!process.argv.includes('--no-browser')) ensureBrowsers();
