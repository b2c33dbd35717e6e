#!/usr/bin/env node
// The host-app journeys (e2e-apps/journeys.mjs): the partner demo over https inside a WebKitGTK app
// (host-app.py) that handles windows as real apps do, clicked with real X input. One fresh app (an
// ephemeral cookie jar) per journey, one after another: they share one X display, and a click lands on
// whatever window is on top. Prints one line per journey and the plain closing line
// "N passed, N failed, N skipped"; writes each result as a JSON line to test-results/host-app.jsonl (the
// README's "Mobile apps and in-app browsers" table: npm run app-table).
// Usage: xvfb-run -a node e2e-apps/run.mjs [name filter]   (npm run test:apps builds first). HOST_APP_STDERR=1
// passes the host app's own stderr (GTK and WebKit warnings, Python errors) through.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoOnFreePorts } from '../demo/start.mjs';
import { createReportBox } from '../e2e-engines/report-box.mjs';
import { ensureLocalCerts } from '../scripts/make-certs.mjs';
import { launchHostApp } from './host.mjs';
import { describeHost, JOURNEYS } from './journeys.mjs';
import { HOST_APP_PYTHON } from './python.mjs';

const RESULTS_PATH = fileURLToPath(new URL('../test-results/host-app.jsonl', import.meta.url));
/** How long the page may take to report a result: the longest journey waits for a 3 s deadline. */
const REPORT_TIMEOUT_MS = 20_000;

/** Why this machine cannot run the host app, or null. */
function missingTools() {
  if (!process.env.DISPLAY) return 'no X display: run it under xvfb-run -a (npm run test:apps does)';
  try {
    execFileSync(HOST_APP_PYTHON, ['-c', "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"], { stdio: 'ignore' });
    execFileSync('sh', ['-c', 'command -v xdotool'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${HOST_APP_PYTHON} with gi and WebKit2 4.1, or xdotool, is missing: node scripts/ensure-env.mjs installs python3-gi, gir1.2-webkit2-4.1 and xdotool`;
  }
}

async function main() {
  const filter = process.argv[2];
  const journeys = JOURNEYS.filter((journey) => !filter || `${describeHost(journey.host)}: ${journey.name}`.includes(filter));
  const missing = missingTools();
  const startedAt = Date.now();
  const rows = [];
  const certDir = mkdtempSync(join(tmpdir(), 'scdk-certs-'));
  const box = createReportBox();
  let demo = null;
  try {
    if (!missing) demo = await startDemoOnFreePorts({ tls: ensureLocalCerts(certDir), reports: (report) => box.sink(report) });
    let count = 0;
    for (const journey of journeys) {
      const host = describeHost(journey.host);
      const row = { host, journey: journey.name, status: 'skipped', note: journey.pending ?? missing ?? '', ms: 0 };
      if (!journey.pending && !missing && demo) {
        const run = `app-${++count}-${Date.now().toString(36)}`;
        const journeyStart = Date.now();
        let app;
        try {
          app = await launchHostApp(`${demo.platform.origin}/login?gateway=demo`, { ...journey.host, platform: demo.platform.origin });
          const ctx = {
            app,
            partner: demo.partner.origin,
            platform: demo.platform.origin,
            journeyUrl: (query = '') => `${demo.partner.origin}/e2e/journey.html?run=${run}${query}`,
            nextReport: (kind, timeoutMs = REPORT_TIMEOUT_MS) => box.next(run, kind, timeoutMs),
          };
          row.note = await journey.run(ctx);
          row.status = 'passed';
        } catch (error) {
          row.status = 'failed';
          row.note = String(error?.message ?? error);
        } finally {
          await app?.quit();
        }
        row.ms = Date.now() - journeyStart;
      }
      rows.push(row);
      const label = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' }[row.status];
      console.log(`${label} [${host}] ${journey.name}: ${row.note}${row.ms ? ` (${(row.ms / 1000).toFixed(1)} s)` : ''}`);
    }
  } finally {
    await demo?.close();
    rmSync(certDir, { recursive: true, force: true });
  }
  const ranAt = new Date().toISOString();
  mkdirSync(fileURLToPath(new URL('../test-results/', import.meta.url)), { recursive: true });
  writeFileSync(RESULTS_PATH, rows.map((row) => `${JSON.stringify({ ranAt, ...row })}\n`).join(''));
  const counted = (status) => rows.filter((row) => row.status === status).length;
  console.log(`\nHost app: ${((Date.now() - startedAt) / 1000).toFixed(1)} s wall clock`);
  // A machine without the tools fails the run: a skipped environment must not read as a pass.
  const failed = counted('failed') + (missing ? 1 : 0);
  console.log(`\n${counted('passed')} passed, ${failed} failed, ${counted('skipped')} skipped`);
  process.exit(failed ? 1 : 0);
}

await main();
