#!/usr/bin/env node
// The user journeys (e2e-engines/journeys.mjs) in the engines Playwright cannot drive: Firefox ESR (its
// default Total Cookie Protection) and WebKitGTK (default, and with ITP as in Safari), both sites over
// https with a certificate authority made for this run. Prints one line per journey, the time per engine,
// and the plain closing line "N passed, N failed"; writes test-results/engines.json for the README's table.
// Usage: node e2e-engines/run.mjs [firefox] [webkit] [webkit-itp]   (default: all; WebKit needs a display:
// `npm run test:engines` runs it under xvfb-run).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../demo/start.mjs';
import { ensureLocalCerts } from '../scripts/make-certs.mjs';
import { engineAvailability, launchChromium, launchFirefox, launchWebKit } from './drivers.mjs';
import { JOURNEYS } from './journeys.mjs';

const RESULTS_PATH = fileURLToPath(new URL('../test-results/engines.json', import.meta.url));
const PARTNER_PORT = Number(process.env.ENGINES_PARTNER_PORT ?? 5193);
const PLATFORM_PORT = Number(process.env.ENGINES_PLATFORM_PORT ?? 5194);
/** How long a page may take to report what happened: a whole journey on a loaded machine, with room to spare. */
const REPORT_TIMEOUT_MS = 45_000;

const CONFIGS = {
  'chromium-allowed': { engine: 'Chromium', setting: 'third-party cookies allowed', launch: (sites) => launchChromium({ world: 'allowed', ...sites }), needs: 'chromium' },
  'chromium-blocked': { engine: 'Chromium', setting: 'third-party cookies blocked', launch: (sites) => launchChromium({ world: 'blocked', ...sites }), needs: 'chromium' },
  'chromium-storage-access': { engine: 'Chromium', setting: 'blocked, Storage Access granted', launch: (sites) => launchChromium({ world: 'storage-access', ...sites }), needs: 'chromium' },
  firefox: { engine: 'Firefox ESR', setting: 'default (Total Cookie Protection)', launch: () => launchFirefox(), needs: 'firefox' },
  webkit: { engine: 'WebKitGTK', setting: 'default (no third-party cookies)', launch: () => launchWebKit({ itp: false }), needs: 'webkit' },
  'webkit-itp': { engine: 'WebKitGTK', setting: 'ITP on (as in Safari)', launch: () => launchWebKit({ itp: true }), needs: 'webkit' },
};

/** Reports from test pages, per run id; `next(run, kind)` resolves with the next one of that kind. */
function createReportBox() {
  const waiting = new Map();
  const queued = new Map();
  return {
    sink(report) {
      const key = `${report.run}|${report.kind}`;
      const waiter = waiting.get(key);
      if (waiter) {
        waiting.delete(key);
        waiter(report.data);
      } else {
        queued.set(key, [...(queued.get(key) ?? []), report.data]);
      }
    },
    next(run, kind) {
      const key = `${run}|${kind}`;
      const already = queued.get(key);
      if (already?.length) return Promise.resolve(already.shift());
      const promise = new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(key);
          reject(new Error(`the page reported no "${kind}" within ${REPORT_TIMEOUT_MS / 1000} s`));
        }, REPORT_TIMEOUT_MS);
        waiting.set(key, (data) => {
          clearTimeout(timer);
          resolve(data);
        });
      });
      promise.catch(() => {}); // a journey that failed earlier may never await it
      return promise;
    },
  };
}

async function main() {
  const asked = process.argv.slice(2);
  const names = asked.length ? asked : Object.keys(CONFIGS);
  const unknown = names.filter((name) => !(name in CONFIGS));
  if (unknown.length) {
    console.error(`Unknown engine ${unknown.join(', ')}; known: ${Object.keys(CONFIGS).join(', ')}.`);
    process.exit(2);
  }
  const availability = engineAvailability();
  const certDir = mkdtempSync(join(tmpdir(), 'scdk-certs-'));
  const box = createReportBox();
  const demo = await startDemo({
    partnerPort: PARTNER_PORT,
    platformPort: PLATFORM_PORT,
    quiet: true,
    tls: ensureLocalCerts(certDir),
    reports: (report) => box.sink(report),
  });
  const rows = [];
  let passed = 0;
  let failed = 0;
  let runCount = 0;
  try {
    for (const name of names) {
      const config = CONFIGS[name];
      const missing = availability[config.needs];
      if (missing) {
        console.log(`${name}: FAILED to start: ${missing}`);
        failed += JOURNEYS.length;
        continue;
      }
      const startedAt = Date.now();
      for (const journey of JOURNEYS) {
        const run = `${name}-${++runCount}-${Date.now().toString(36)}`;
        const ctx = {
          driver: undefined,
          partner: demo.partner.origin,
          platform: demo.platform.origin,
          nextReport: (kind) => box.next(run, kind),
          url: (mode, extra = '') => `${demo.partner.origin}/e2e/journey.html?run=${run}&mode=${mode}${extra}`,
        };
        const journeyStart = Date.now();
        let row;
        try {
          ctx.driver = await config.launch({ partner: demo.partner.origin, platform: demo.platform.origin });
          const note = await journey.run(ctx);
          row = { config: name, engine: config.engine, setting: config.setting, journey: journey.name, ok: true, note };
          passed++;
        } catch (error) {
          row = { config: name, engine: config.engine, setting: config.setting, journey: journey.name, ok: false, note: String(error?.message ?? error) };
          failed++;
        } finally {
          await ctx.driver?.quit().catch(() => {});
        }
        row.ms = Date.now() - journeyStart;
        rows.push(row);
        console.log(`${row.ok ? 'ok  ' : 'FAIL'} [${name}] ${journey.name}: ${row.note} (${(row.ms / 1000).toFixed(1)} s)`);
      }
      console.log(`[${name}] ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    }
  } finally {
    await demo.close();
    rmSync(certDir, { recursive: true, force: true });
  }
  mkdirSync(fileURLToPath(new URL('../test-results/', import.meta.url)), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify({ ranAt: new Date().toISOString(), rows }, null, 2)}\n`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
