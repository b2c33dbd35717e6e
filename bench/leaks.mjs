#!/usr/bin/env node
// Leak figures for scdk on a real partner page: create/logout/destroy cycles, then account-switcher
// open/close cycles (open, wait for the account, Escape), measured in the browser with CDP
// Performance.getMetrics after forced garbage collection (Chromium runs with --expose-gc; gc() is called
// several times before each sample). Each kind of cycle is measured after a warm-up, after N cycles and
// after N more: DOM nodes, documents, frames and JS listeners must be exactly where the warm-up left them,
// and the heap must not grow over the second N (the first N still holds V8's warm-up: compiled code,
// inline caches, feedback). Exits 1 if a count or the heap grows, or if any cycle fails to complete.
//
//   npm run build && PARTNER_PORT=6373 PLATFORM_PORT=6374 npm run leaks      (LEAK_CYCLES=N, default 1000)
//
// Uses the demo servers on those ports if they are up, else starts them. Chromium runs on a profile
// that allows third-party cookies, so every logout goes through the hidden iframe (no platform window).
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../demo/start.mjs';
import { findChromium } from '../scripts/chromium-path.mjs';

const PARTNER_PORT = Number(process.env.PARTNER_PORT ?? 5173);
const PLATFORM_PORT = Number(process.env.PLATFORM_PORT ?? 5174);
const PARTNER = `http://localhost:${PARTNER_PORT}`;
const PLATFORM = `http://127.0.0.1:${PLATFORM_PORT}`;
const CYCLES = Number(process.env.LEAK_CYCLES ?? 1000);
const WARM_UP_CYCLES = 20;
/** Cycles per page.evaluate: few round trips, but progress still shows. */
const BATCH = 100;
const COUNTS = ['Nodes', 'Documents', 'Frames', 'JSEventListeners'];
const HEAP = 'JSHeapUsedSize';
/** gc() calls before a sample, each in its own task, so what one collection's finalizers release the next one frees. */
const GC_ROUNDS = 4;
/**
 * The heap over the second N cycles counts as flat under this: V8's noise between two samples (a few KB
 * measured) plus 64 B a cycle. One leaked closure, listener or promise per cycle is over 64 B; a switcher's
 * DOM is kilobytes. Measured (Chromium 156, 1,000 + 1,000 cycles): switcher +104 KB over the first 1,000 (V8
 * warming up), +356 B over the second; create/logout/destroy +41 KB, then -60 KB.
 */
const HEAP_NOISE_BYTES = 32 * 1024;
const HEAP_BYTES_PER_CYCLE = 64;
/** One switcher cycle takes ~25 ms here; a cycle that has not closed by then never will. */
const MODAL_CYCLE_TIMEOUT_MS = 5000;

async function platformIsUp() {
  try {
    return (await fetch(`${PLATFORM}/api/session`)).ok && (await fetch(`${PARTNER}/e2e/blank.html`)).ok;
  } catch {
    return false;
  }
}

async function launchCookiesAllowed() {
  const profile = mkdtempSync(join(tmpdir(), 'scdk-leaks-'));
  mkdirSync(join(profile, 'Default'));
  // 0 = allow third-party cookies (no launch flag does this; see TOOLCHAIN.md).
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: ['--js-flags=--expose-gc'],
  });
  return { context, cleanUp: async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  } };
}

/** Counts and heap after forced collections in the page's isolate. */
async function measure(page, cdp) {
  await page.evaluate(async (rounds) => {
    for (let i = 0; i < rounds; i++) {
      window.gc();
      await new Promise((resolve) => setTimeout(resolve));
    }
  }, GC_ROUNDS);
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.filter((m) => [...COUNTS, HEAP].includes(m.name)).map((m) => [m.name, m.value]));
}

/** Runs `count` create/logout/destroy cycles in the page; throws if one does not succeed. */
async function logoutCycles(page, token, count) {
  const failures = await page.evaluate(
    async ([t, n]) => {
      const failed = [];
      const platformUrl = document.querySelector('meta[name="scdk-e2e-platform"]').content;
      for (let i = 0; i < n; i++) {
        const sdk = new window.scDK({ gateway: 'demo', smallcaseAuthToken: t, config: { platformUrl } });
        try {
          await sdk.brokerLogout();
        } catch (error) {
          failed.push(`${error.code} ${error.message}`);
        }
        sdk.destroy();
      }
      return failed;
    },
    [token, count],
  );
  if (failures.length) throw new Error(`${failures.length} of ${count} logouts failed (first: ${failures[0]}): is the platform healthy (faults off)?`);
}

/**
 * One open/close of the account switcher, driven from the page so that no Playwright locator adds to the
 * heap: open, wait (on mutations) for the modal and for it to show the account, a real Escape key press, then the
 * call must reject 1010. Throws, saying where it stopped, otherwise.
 */
async function modalCycle(page) {
  const opened = await page.evaluate(async (ms) => {
    window.leaksModal = window.leaksInstance.openAccountSwitcher().then(
      () => 'resolved instead of rejecting 1010',
      (error) => (error.code === 1010 ? 'closed' : `rejected ${error.code} ${error.message}`),
    );
    // The first open loads the UI chunk first (issue 13), so the modal may appear a few tasks later.
    const find = () => document.querySelector('scdk-account-switcher');
    const host = find() ?? (await new Promise((resolve) => {
      const observer = new MutationObserver(() => find() && done(find()));
      const timer = setTimeout(() => done(null), ms);
      function done(found) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(found);
      }
      observer.observe(document.body, { childList: true });
    }));
    const root = host?.shadowRoot;
    if (!root) return `no <scdk-account-switcher> in the page after ${ms} ms`;
    const phase = () => root.querySelector('[data-phase]')?.getAttribute('data-phase');
    return new Promise((resolve) => {
      const observer = new MutationObserver(check);
      const timer = setTimeout(() => done(`still '${phase()}' after ${ms} ms`), ms);
      function done(outcome) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(outcome);
      }
      function check() {
        if (phase() === 'ready') done('ready');
        else if (phase() === 'error') done(`the modal shows an error: ${root.textContent}`);
      }
      observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
      check();
    });
  }, MODAL_CYCLE_TIMEOUT_MS);
  if (opened !== 'ready') throw new Error(`the switcher did not get ready: ${opened}`);
  await page.keyboard.press('Escape');
  const closed = await page.evaluate(
    (ms) => Promise.race([window.leaksModal, new Promise((resolve) => setTimeout(() => resolve(`not closed ${ms} ms after Escape`), ms))]),
    MODAL_CYCLE_TIMEOUT_MS,
  );
  if (closed !== 'closed') throw new Error(`Escape did not close the switcher: ${closed}`);
}

async function modalCycles(page, count) {
  for (let i = 0; i < count; i++) {
    try {
      await modalCycle(page);
    } catch (error) {
      throw new Error(`account-switcher cycle ${i + 1} of ${count}: ${error.message}`);
    }
  }
}

/**
 * Runs warm-up, N and N more cycles of `run(count)`, measuring after each; prints the table and returns
 * whether everything stayed flat.
 */
async function measureCycles(title, page, cdp, run) {
  await run(WARM_UP_CYCLES);
  const samples = [await measure(page, cdp)];
  const started = Date.now();
  for (let half = 0; half < 2; half++) {
    for (let done = 0; done < CYCLES; done += BATCH) {
      await run(Math.min(BATCH, CYCLES - done));
      if (process.stdout.isTTY) process.stdout.write(`\r${half * CYCLES + Math.min(done + BATCH, CYCLES)}/${2 * CYCLES} ${title}`);
    }
    samples.push(await measure(page, cdp));
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  const ms = (Date.now() - started) / (2 * CYCLES);
  const heapLimit = HEAP_NOISE_BYTES + HEAP_BYTES_PER_CYCLE * CYCLES;
  const [base, first, second] = samples;
  const signed = (n) => (n > 0 ? `+${n}` : String(n));
  console.log(`\n${CYCLES} + ${CYCLES} ${title} (after ${WARM_UP_CYCLES} to warm up; ${ms.toFixed(1)} ms each)`);
  console.log(['metric'.padEnd(18), 'warmed up', `after ${CYCLES}`, `after ${2 * CYCLES}`, `1st ${CYCLES}`, `2nd ${CYCLES}`].map((c, i) => (i ? c.padStart(13) : c)).join(''));
  let flat = true;
  for (const name of [...COUNTS, HEAP]) {
    const ok = name === HEAP ? second[name] - first[name] <= heapLimit : first[name] === base[name] && second[name] === base[name];
    flat &&= ok;
    const cells = [base[name], first[name], second[name], signed(first[name] - base[name]), signed(second[name] - first[name])];
    const note = name === HEAP ? `  (${((second[name] - first[name]) / CYCLES).toFixed(1)} B a cycle over the 2nd ${CYCLES}; flat under ${heapLimit})` : '';
    console.log(`${name.padEnd(18)}${cells.map((c) => String(c).padStart(13)).join('')}${note}${ok ? '' : '  <- grows'}`);
  }
  return flat;
}

async function main() {
  let demo = null;
  if (!(await platformIsUp())) demo = await startDemo({ partnerPort: PARTNER_PORT, platformPort: PLATFORM_PORT, quiet: true });
  const { context, cleanUp } = await launchCookiesAllowed();
  let flat = true;
  try {
    const token = (await (await fetch(`${PARTNER}/api/token?smallcaseAuthId=leaks-bench`)).json()).token;
    const page = await context.newPage();
    await page.goto(`${PARTNER}/e2e/blank.html`);
    await page.waitForFunction(() => typeof window.scDK === 'function');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    console.log(`scdk ${await page.evaluate(() => window.scDK.version)} · Chromium ${context.browser()?.version() ?? ''} · partner ${PARTNER} · platform ${PLATFORM}`);

    flat = await measureCycles('create/logout/destroy cycles', page, cdp, (count) => logoutCycles(page, token, count));
    const left = await page.evaluate(() => document.querySelectorAll('iframe').length);
    console.log(`iframes left in the page: ${left}`);
    flat &&= left === 0;

    await page.evaluate((t) => {
      const platformUrl = document.querySelector('meta[name="scdk-e2e-platform"]').content;
      window.leaksInstance = new window.scDK({ gateway: 'demo', smallcaseAuthToken: t, config: { platformUrl } });
    }, token);
    flat = (await measureCycles('account-switcher open/close cycles', page, cdp, (count) => modalCycles(page, count))) && flat;
    await page.evaluate(() => window.leaksInstance.destroy());
  } finally {
    await cleanUp();
    await demo?.close();
  }
  console.log(flat ? '\nflat: no count grows, and the heap is flat over the second half' : '\nLEAK: something grows (see "<- grows" above)');
  process.exitCode = flat ? 0 : 1;
}

try {
  await main();
} catch (error) {
  // A cycle that does not complete measures nothing: that is a failure, never a pass.
  console.error(`\nleak check FAILED (a cycle did not complete, so its figures mean nothing): ${error.message}`);
  process.exitCode = 1;
}
