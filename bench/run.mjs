#!/usr/bin/env node
// npm run bench: builds, starts the demo servers with the bench pages, and measures scdk beside a penpal
// baseline in headless Chromium. Prints a table and writes bench/results/latest.json. Reports, never asserts:
// timings on a shared machine are noisy, so read medians and p95, and compare runs on the same machine.
//
// Options (environment): BENCH_RUNS (30), BENCH_WARMUPS (3), PARTNER_PORT and PLATFORM_PORT (default: two free
// ports the system picks, so a bench never collides with a demo or a test run on the same machine),
// BENCH_PLATFORM_DELAY_MS (0: every platform request waits this long first, standing in for a network
// round trip, so extra round trips show), BENCH_UI_DELAY_MS (50: the same for the partner's /scdk-ui.js, the
// chunk a cold openAccountSwitcher() fetches), BENCH_IMMUTABLE_SCRIPTS (unset; 1 = what-if: the platform serves
// the iframe pages' scripts as immutable, for both libraries), BENCH_INLINE_RUNTIME (1: also measure the calls
// against a second mock platform whose bridge page carries the runtime inline, scdk/server's inlineRuntime;
// 0 skips it), CHROMIUM_PATH.
// Flag: --no-build measures dist/ as it is.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { freePort } from '../demo/shared/free-port.mjs';
import { startDemo, startDemoOnFreePorts } from '../demo/start.mjs';
import { findChromium } from '../scripts/chromium-path.mjs';
import { coldRequests, measureCalls, measureSwitcher } from './calls.mjs';
import { measureEvaluation } from './evaluation.mjs';
import { buildResult, formatCalls, formatTable } from './report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_PATH = join(ROOT, 'bench', 'results', 'latest.json');
const DEFAULTS = {
  BENCH_RUNS: 30, BENCH_WARMUPS: 3, PARTNER_PORT: 0, PLATFORM_PORT: 0, BENCH_PLATFORM_DELAY_MS: 0, BENCH_UI_DELAY_MS: 50,
  BENCH_IMMUTABLE_SCRIPTS: 0, BENCH_INLINE_RUNTIME: 1,
};
/** The script-tag build's UI chunk on the partner site (what BENCH_UI_DELAY_MS holds back). */
const UI_CHUNK_PATH = '/scdk-ui.js';
/** The scripts the bridge page and the baseline's child page load (what BENCH_IMMUTABLE_SCRIPTS caches). */
const IFRAME_SCRIPT_PATHS = new Set(['/scdk/v1/scdk-platform.js', '/bench/penpal-child.bundle.js']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Chromium profile preference: 0 allows third-party cookies, so brokerLogout really ends the session. */
const COOKIES_ALLOWED_PREFERENCES = { profile: { cookie_controls_mode: 0 } };
const VIEWPORT = { width: 1280, height: 800 };
const DEMO_ACCOUNT = 'AB1234';
const BENCH_USER = 'bench-user';
const GZIP_LEVEL = 9;
/** Files whose size the bench reports beside the timings (the size budget itself is `npm run size`). */
const SIZED_FILES = {
  'dist/scdk.umd.js': join(ROOT, 'dist', 'scdk.umd.js'),
  'dist/scdk-ui.js': join(ROOT, 'dist', 'scdk-ui.js'),
  'dist/scdk-platform.js': join(ROOT, 'dist', 'scdk-platform.js'),
  'penpal/dist/penpal.min.js': join(ROOT, 'node_modules', 'penpal', 'dist', 'penpal.min.js'),
};

/** A positive integer from the environment, or exit naming the variable. */
function intFromEnv(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return DEFAULTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number; got "${raw}".`);
    process.exit(1);
  }
  return value;
}

function measureSizes() {
  return Object.fromEntries(Object.entries(SIZED_FILES).map(([name, path]) => {
    const source = readFileSync(path);
    return [name, { raw: source.length, gzip: gzipSync(source, { level: GZIP_LEVEL }).length }];
  }));
}

/**
 * Bench-only changes to how a demo server answers, applied before its router sees a request.
 * `delayMs` holds a request that long (every request, or only those whose path is in `delayedPaths`): on
 * localhost a request costs almost nothing, so without it a design with one more round trip looks as fast
 * as one without. `immutablePaths` are served cacheable for a year, to measure what versioned, immutable
 * script URLs would save.
 * @param {import('node:http').Server} server
 * `uncachedPaths` are served `no-store`: every load fetches them, as with the browser's HTTP cache cold.
 * @param {{ delayMs: number, delayedPaths?: Set<string>, immutablePaths?: Set<string>, uncachedPaths?: Set<string> }} options
 */
function shapeServer(server, { delayMs, delayedPaths, immutablePaths, uncachedPaths }) {
  const emit = server.emit;
  server.emit = function shapedEmit(event, ...args) {
    if (event !== 'request') return emit.call(this, event, ...args);
    const [req, res] = args;
    const path = new URL(req.url, 'http://bench.invalid').pathname;
    if (immutablePaths?.has(path)) {
      const writeHead = res.writeHead;
      res.writeHead = (status, headers) => writeHead.call(res, status, { ...headers, 'cache-control': IMMUTABLE });
    }
    if (uncachedPaths?.has(path)) {
      // The kit writes its headers with setHeader, so this one is replaced as the answer starts.
      const writeHead = res.writeHead;
      res.writeHead = (...writeArgs) => {
        res.setHeader('cache-control', 'no-store');
        return writeHead.apply(res, writeArgs);
      };
    }
    if (delayMs > 0 && (!delayedPaths || delayedPaths.has(path))) setTimeout(() => emit.call(this, event, ...args), delayMs);
    else emit.call(this, event, ...args);
    return true;
  };
}

/** Launches Chromium on a throwaway profile that allows third-party cookies (no launch flag can). */
async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'scdk-bench-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(COOKIES_ALLOWED_PREFERENCES));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: true, viewport: VIEWPORT });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The partner backend's token for a connected user, as the partner page would get it. */
async function mintToken(partnerOrigin) {
  const response = await fetch(`${partnerOrigin}/api/token?smallcaseAuthId=${BENCH_USER}`);
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  return (await response.json()).token;
}

/**
 * Returns a function that logs the demo account in first-party, from a platform page kept open for it,
 * so every logout run has a real session to end.
 */
async function createLogin(context, platformOrigin) {
  const page = await context.newPage();
  await page.goto(`${platformOrigin}/login?gateway=demo`);
  return async () => {
    const ok = await page.evaluate(async (account) => {
      const body = new URLSearchParams({ gateway: 'demo', account });
      const response = await fetch('/login', { method: 'POST', body });
      return response.ok && new URL(response.url).pathname === '/login/done';
    }, DEMO_ACCOUNT);
    if (!ok) throw new Error('logging in on the platform failed; is the mock platform running?');
  };
}

async function main() {
  const runs = intFromEnv('BENCH_RUNS');
  const warmups = intFromEnv('BENCH_WARMUPS');
  const partnerPort = intFromEnv('PARTNER_PORT') || (await freePort('localhost'));
  let platformPort = intFromEnv('PLATFORM_PORT');
  while (!platformPort || platformPort === partnerPort) platformPort = await freePort();
  const platformDelayMs = intFromEnv('BENCH_PLATFORM_DELAY_MS');
  const uiDelayMs = intFromEnv('BENCH_UI_DELAY_MS');
  const immutableScripts = intFromEnv('BENCH_IMMUTABLE_SCRIPTS') === 1;
  const progress = (line) => process.stderr.write(`[bench] ${line}\n`);
  if (!process.argv.includes('--no-build')) {
    progress('npm run build');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const sizes = measureSizes();
  const demo = await startDemo({ partnerPort, platformPort, quiet: true, bench: true });
  shapeServer(demo.platform.server, { delayMs: platformDelayMs, immutablePaths: immutableScripts ? IFRAME_SCRIPT_PATHS : undefined });
  shapeServer(demo.partner.server, { delayMs: uiDelayMs, delayedPaths: new Set([UI_CHUNK_PATH]) });
  const browser = await launchBrowser().catch(async (error) => {
    await demo.close();
    throw error;
  });
  try {
    const { context } = browser;
    const setup = { token: await mintToken(demo.partner.origin), platformOrigin: demo.platform.origin };
    const logIn = await createLogin(context, demo.platform.origin);

    progress('script evaluation');
    const evaluation = await measureEvaluation(context, {
      pageUrl: `${demo.partner.origin}/bench/blank.html`,
      scripts: [
        { name: 'scdk', url: `${demo.partner.origin}/scdk.umd.js` },
        { name: 'penpal', url: `${demo.partner.origin}/bench/vendor/penpal.min.js` },
      ],
      runs,
      warmups,
    });

    const page = await context.newPage();
    await page.goto(`${demo.partner.origin}/bench/calls.html`);
    const requests = await coldRequests(page, setup);
    const calls = await measureCalls(page, { setup, runs, warmups, logIn, progress });
    await logIn(); // the modal then has a connected account to show
    const switcher = await measureSwitcher(context, {
      pageUrl: `${demo.partner.origin}/bench/calls.html`,
      uiUrl: `${demo.partner.origin}${UI_CHUNK_PATH}`,
      setup,
      runs,
      warmups,
      progress,
    });

    // Issue 23: the same calls against two more mock platforms, in this browser: one whose bridge page carries
    // the runtime inline (scdk/server's inlineRuntime), and one that serves the runtime script no-store, so
    // every cold call fetches it, as with the HTTP cache cold. The penpal rows are the in-run baseline again.
    const runtimePasses = {};
    if (intFromEnv('BENCH_INLINE_RUNTIME') === 1) {
      const passes = {
        inline: { inlineRuntime: true, shape: {} },
        uncachedScript: { inlineRuntime: false, shape: { uncachedPaths: new Set(['/scdk/v1/scdk-platform.js']) } },
      };
      // A demo each (the partner pages' CSP names their own platform's origin), on ports of their own.
      for (const [name, pass] of Object.entries(passes)) {
        const passDemo = await startDemoOnFreePorts({ bench: true, inlineRuntime: pass.inlineRuntime });
        try {
          shapeServer(passDemo.platform.server, { delayMs: platformDelayMs, ...pass.shape });
          const passSetup = { token: await mintToken(passDemo.partner.origin), platformOrigin: passDemo.platform.origin };
          const passPage = await context.newPage();
          await passPage.goto(`${passDemo.partner.origin}/bench/calls.html`);
          progress(`calls, ${name}`);
          const passRequests = await coldRequests(passPage, passSetup);
          const passCalls = await measureCalls(passPage, { setup: passSetup, runs, warmups, logIn: await createLogin(context, passDemo.platform.origin), progress });
          runtimePasses[name] = buildResult({ environment: {}, sizes: {}, evaluation, calls: passCalls, switcher: null, requests: passRequests });
          await passPage.close();
        } finally {
          await passDemo.close();
        }
      }
    }

    const userAgent = await page.evaluate(() => navigator.userAgent);
    const environment = {
      date: new Date().toISOString(),
      browser: `Chromium ${context.browser()?.version() ?? /Chrome\/([\d.]+)/.exec(userAgent)?.[1] ?? '?'}`,
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
      runs,
      warmups,
      platformDelayMs,
      uiDelayMs,
      immutableScripts,
    };
    const result = { ...buildResult({ environment, sizes, evaluation, calls, switcher, requests }), runtimePasses };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(RESULTS_PATH, `${JSON.stringify(result, null, 2)}\n`);
    console.log(formatTable(result));
    const passTitles = {
      inline: 'bridge page with the runtime inline (scdk/server inlineRuntime)',
      uncachedScript: 'runtime script served no-store (every cold call fetches it: the HTTP cache cold)',
    };
    for (const [name, pass] of Object.entries(runtimePasses)) console.log(`\nThe same calls, ${passTitles[name]}:\n${formatCalls(pass)}`);
    console.log(`\nFull result: ${RESULTS_PATH}`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

main().catch((error) => {
  const hint = error?.code === 'EADDRINUSE' ? ' A port is taken: set PARTNER_PORT / PLATFORM_PORT.' : '';
  console.error(`[bench] failed: ${error?.stack ?? error}${hint}`);
  process.exit(1);
});
