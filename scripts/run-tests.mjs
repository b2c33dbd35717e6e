#!/usr/bin/env node
// `npm test` after the build: the Playwright suite (unit tests, and Chromium in three cookie worlds),
// then the cross-engine journeys (Firefox ESR, WebKitGTK default and ITP) under xvfb-run. Both keep
// their own output; this adds one plain closing line for the whole run: "N passed, N failed, N skipped".
// Arguments go to Playwright (e.g. a file or --project); SCDK_ENGINES=0 skips the engines.
import { spawn } from 'node:child_process';

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

/** Runs a command, echoing its output, and resolves with its exit code and its last summary line. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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
    child.on('close', (code) => resolve({ code: code ?? 1, summary }));
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve({ code: 1, summary: null });
    });
  });
}

const playwright = await run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
const runEngines = process.env.SCDK_ENGINES !== '0' && process.argv.length <= 2;
const engines = runEngines ? await run('xvfb-run', ['-a', 'node', 'e2e-engines/run.mjs']) : { code: 0, summary: null };
const total = { passed: 0, failed: 0, skipped: 0 };
for (const { summary } of [playwright, engines]) {
  if (!summary) continue;
  total.passed += summary.passed;
  total.failed += summary.failed;
  total.skipped += summary.skipped;
}
const failedRun = playwright.code !== 0 || engines.code !== 0;
// A runner that crashed before its summary still fails the whole run.
if (failedRun && total.failed === 0) total.failed = 1;
console.log(`\nTotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedRun ? 1 : 0);
