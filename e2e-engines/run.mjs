#!/usr/bin/env node
// The user journeys (e2e-engines/journeys.mjs) in the engines Playwright cannot drive: Firefox ESR (its
// default Total Cookie Protection) and WebKitGTK (default, and with ITP as in Safari), both sites over
// https with a certificate authority made for this run. Prints one line per journey, the time per engine,
// and the plain closing line "N passed, N failed"; writes test-results/engines.json for the README's table.
// Usage: node e2e-engines/run.mjs [firefox] [webkit] [webkit-itp]   (default: all; WebKit needs a display:
// `npm run test:engines` runs it under xvfb-run). Configurations run side by side (ENGINES_WORKERS, default
// 3), each against its own demo servers on free ports.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoOnFreePorts } from '../demo/start.mjs';
import { ensureLocalCerts } from '../scripts/make-certs.mjs';
import { engineAvailability, launchChromium, launchFirefox, launchWebKit } from './drivers.mjs';
import { JOURNEYS } from './journeys.mjs';
import { createReportBox } from './report-box.mjs';

const RESULTS_PATH = fileURLToPath(new URL('../test-results/engines.json', import.meta.url));

const CONFIGS = {
  'chromium-allowed': { engine: 'Chromium', setting: 'third-party cookies allowed', launch: (sites) => launchChromium({ world: 'allowed', ...sites }), needs: 'chromium' },
  'chromium-blocked': { engine: 'Chromium', setting: 'third-party cookies blocked', launch: (sites) => launchChromium({ world: 'blocked', ...sites }), needs: 'chromium' },
  'chromium-storage-access': { engine: 'Chromium', setting: 'blocked, Storage Access granted', launch: (sites) => launchChromium({ world: 'storage-access', ...sites }), needs: 'chromium' },
  firefox: { engine: 'Firefox ESR', setting: 'default (Total Cookie Protection)', launch: () => launchFirefox(), needs: 'firefox' },
  webkit: { engine: 'WebKitGTK', setting: 'default (no third-party cookies)', launch: () => launchWebKit({ itp: false }), needs: 'webkit' },
  'webkit-itp': { engine: 'WebKitGTK', setting: 'ITP on (as in Safari)', launch: () => launchWebKit({ itp: true }), needs: 'webkit' },
};

/** How many engine configurations run at a time, each with its own demo servers; ENGINES_WORKERS overrides. */
const DEFAULT_ENGINE_WORKERS = 3;

function engineWorkers() {
  const raw = process.env.ENGINES_WORKERS;
  if (raw === undefined || raw === '') return DEFAULT_ENGINE_WORKERS;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`ENGINES_WORKERS must be a whole number from 1; got "${raw}".`);
    process.exit(2);
  }
  return count;
}

/**
 * Runs every journey in one engine configuration against a demo of its own (free ports, https), so
 * configurations running side by side share no server, session or report.
 * @returns {Promise<{ rows: object[], passed: number, failed: number }>}
 */
async function runConfig(name, config, missing, tls) {
  const rows = [];
  let passed = 0;
  let failed = 0;
  if (missing) {
    console.log(`${name}: FAILED to start: ${missing}`);
    return { rows, passed, failed: JOURNEYS.length };
  }
  const box = createReportBox();
  let demo;
  try {
    demo = await startDemoOnFreePorts({ tls, reports: (report) => box.sink(report) });
  } catch (error) {
    console.log(`${name}: FAILED to start its demo servers: ${error?.message ?? error}`);
    return { rows, passed, failed: JOURNEYS.length };
  }
  const startedAt = Date.now();
  let runCount = 0;
  let engine;
  try {
    engine = await config.launch({ partner: demo.partner.origin, platform: demo.platform.origin });
  } catch (error) {
    await demo.close();
    console.log(`${name}: FAILED to start: ${error?.message ?? error}`);
    return { rows, passed, failed: JOURNEYS.length };
  }
  try {
    for (const journey of JOURNEYS) {
      const run = `${name}-${++runCount}-${Date.now().toString(36)}`;
      const ctx = {
        driver: undefined,
        config: name,
        partner: demo.partner.origin,
        platform: demo.platform.origin,
        nextReport: (kind) => box.next(run, kind),
        url: (mode, extra = '') => `${demo.partner.origin}/e2e/journey.html?run=${run}&mode=${mode}${extra}`,
      };
      const journeyStart = Date.now();
      let row;
      try {
        ctx.driver = await engine.newDriver();
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
  } finally {
    await engine.close().catch(() => {});
    await demo.close();
  }
  console.log(`[${name}] ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return { rows, passed, failed };
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
  const tls = ensureLocalCerts(certDir);
  const workers = Math.min(engineWorkers(), names.length);
  const startedAt = Date.now();
  const results = new Map();
  const queue = [...names];
  try {
    // A small pool: each worker takes the next configuration until none is left.
    await Promise.all(Array.from({ length: workers }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const config = CONFIGS[name];
        results.set(name, await runConfig(name, config, availability[config.needs], tls));
      }
    }));
  } finally {
    rmSync(certDir, { recursive: true, force: true });
  }
  // Rows in the order asked for, whatever order the configurations finished in.
  const rows = names.flatMap((name) => results.get(name)?.rows ?? []);
  const passed = names.reduce((sum, name) => sum + (results.get(name)?.passed ?? 0), 0);
  const failed = names.reduce((sum, name) => sum + (results.get(name)?.failed ?? 0), 0);
  mkdirSync(fileURLToPath(new URL('../test-results/', import.meta.url)), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify({ ranAt: new Date().toISOString(), rows }, null, 2)}\n`);
  console.log(`\nEngines: ${((Date.now() - startedAt) / 1000).toFixed(1)} s wall clock on ${workers} worker${workers === 1 ? '' : 's'}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
