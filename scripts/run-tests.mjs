#!/usr/bin/env node
// `npm test` after the build: the Playwright suite (unit tests, and Chromium in three cookie worlds) in
// two passes, then the cross-engine journeys (Firefox ESR, WebKitGTK default and ITP, Chromium) under
// xvfb-run, then the host-app journeys (e2e-apps/: a WebKitGTK app standing in for a mobile app's web
// view, clicked with real X input) under xvfb-run. Each keeps its own output; this adds the wall clock of
// each part and one plain closing line for the whole run: "N passed, N failed, N skipped".
// - The parallel pass: every test not tagged @solo, on PLAYWRIGHT_WORKERS workers (playwright.config.ts).
// - The solo pass: the @solo tests (they need the machine, or a port, to themselves), one at a time.
// Arguments go to both Playwright passes (e.g. a file or --project); with any, the engines are skipped.
// Set the parallel pass's workers with PLAYWRIGHT_WORKERS: the solo pass always runs on one.
// SCDK_ENGINES=0 skips the engines too; SCDK_APPS=0 skips the host-app journeys (skipped with arguments too).
import { spawn } from 'node:child_process';

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

/** Runs a command, echoing its output, and resolves with its exit code, its last summary line and its wall clock. */
function run(command, args, env = {}) {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let summary = null;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = SUMMARY.exec(line.trim());
        if (match) summary = { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3] ?? 0) };
      }
    });
    child.on('close', (code) => resolve({ code: code ?? 1, summary, ms: Date.now() - startedAt }));
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve({ code: 1, summary: null, ms: Date.now() - startedAt });
    });
  });
}

const extra = process.argv.slice(2);
const parts = [];
parts.push({ name: 'Playwright, parallel pass', ...(await run('npx', ['playwright', 'test', ...extra], { SCDK_PASS: 'parallel' })) });
// --pass-with-no-tests: most files hold no @solo test. --workers=1 last, so no argument can undo it.
const solo = await run('npx', ['playwright', 'test', '--pass-with-no-tests', ...extra, '--workers=1'], { SCDK_PASS: 'solo' });
parts.push({ name: 'Playwright, solo pass', ...solo });
if (process.env.SCDK_ENGINES !== '0' && extra.length === 0) {
  parts.push({ name: 'Engines', ...(await run('xvfb-run', ['-a', 'node', 'e2e-engines/run.mjs'])) });
}
if (process.env.SCDK_APPS !== '0' && extra.length === 0) {
  parts.push({ name: 'Host app (WebKitGTK web view)', ...(await run('xvfb-run', ['-a', 'node', 'e2e-apps/run.mjs'])) });
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const { summary } of parts) {
  if (!summary) continue;
  total.passed += summary.passed;
  total.failed += summary.failed;
  total.skipped += summary.skipped;
}
const failedRun = parts.some(({ code }) => code !== 0);
// A runner that crashed before its summary still fails the whole run.
if (failedRun && total.failed === 0) total.failed = 1;
console.log('\nWall clock per part:');
for (const { name, ms, code } of parts) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}${code === 0 ? '' : ' (failed)'}`);
console.log(`\nTotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedRun ? 1 : 0);
