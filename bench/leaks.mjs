#!/usr/bin/env node
// Leak figures for scdk on a real partner page: 1,000 create/logout/destroy cycles (and 1,000 account-
// switcher open/close cycles once openAccountSwitcher() exists), measured in the browser with CDP
// Performance.getMetrics after forced garbage collection. Prints the figures; exits 1 if a count grows.
//
//   npm run build && PARTNER_PORT=6373 PLATFORM_PORT=6374 npm run leaks
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
const METRICS = ['Nodes', 'Documents', 'Frames', 'JSEventListeners', 'JSHeapUsedSize'];
/**
 * Growth over the whole run that still counts as flat. Counts must come back exactly; the heap may wobble
 * with V8's allocation pattern, so it is judged per cycle (a real leak of one object graph per cycle is kilobytes).
 */
const MAX_COUNT_GROWTH = { Nodes: 10, Documents: 1, Frames: 1, JSEventListeners: 5 };
const MAX_HEAP_GROWTH_PER_CYCLE_BYTES = 256;
/** V8's own allocation noise between two forced collections, whatever the number of cycles. */
const HEAP_NOISE_BYTES = 64 * 1024;
const MODAL_CLOSE_TIMEOUT_MS = 5000;

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
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: true });
  return { context, cleanUp: async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  } };
}

/** Metrics after two forced collections (the second catches what finalizers of the first released). */
async function measure(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value]));
}

/** Runs `count` create/logout/destroy cycles in the page; resolves with the number that did not succeed. */
function logoutCycles(page, token, count) {
  return page.evaluate(
    async ([t, n]) => {
      let failures = 0;
      const platformUrl = document.querySelector('meta[name="scdk-e2e-platform"]').content;
      for (let i = 0; i < n; i++) {
        const sdk = new window.scDK({ gateway: 'demo', smallcaseAuthToken: t, config: { platformUrl } });
        try {
          await sdk.brokerLogout();
        } catch {
          failures++;
        }
        sdk.destroy();
      }
      return failures;
    },
    [token, count],
  );
}

/** One open/close of the account switcher: open, Escape, wait for the call to settle. */
async function modalCycle(page) {
  await page.evaluate(() => {
    window.leaksModal = window.leaksInstance.openAccountSwitcher().then(
      () => 'closed',
      () => 'closed',
    );
  });
  await page.getByRole('dialog').waitFor({ timeout: MODAL_CLOSE_TIMEOUT_MS });
  await page.keyboard.press('Escape');
  return page.evaluate(
    (ms) => Promise.race([window.leaksModal, new Promise((resolve) => setTimeout(() => resolve('still open'), ms))]),
    MODAL_CLOSE_TIMEOUT_MS,
  );
}

function printTable(title, before, after, cycles) {
  console.log(`\n${title}`);
  console.log(`${'metric'.padEnd(18)}${'before'.padStart(14)}${'after'.padStart(14)}${'change'.padStart(12)}`);
  let flat = true;
  for (const name of METRICS) {
    const change = after[name] - before[name];
    const limit = name === 'JSHeapUsedSize' ? HEAP_NOISE_BYTES + MAX_HEAP_GROWTH_PER_CYCLE_BYTES * cycles : MAX_COUNT_GROWTH[name];
    const ok = change <= limit;
    flat &&= ok;
    const sign = change > 0 ? '+' : '';
    console.log(`${name.padEnd(18)}${String(before[name]).padStart(14)}${String(after[name]).padStart(14)}${(sign + change).padStart(12)}${ok ? '' : '  <- grows'}`);
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

    const warmUpFailures = await logoutCycles(page, token, WARM_UP_CYCLES);
    if (warmUpFailures > 0) throw new Error(`${warmUpFailures} of ${WARM_UP_CYCLES} warm-up logouts failed: is the platform healthy (faults off)?`);
    const before = await measure(cdp);
    const started = Date.now();
    let failures = 0;
    for (let done = 0; done < CYCLES; done += BATCH) {
      failures += await logoutCycles(page, token, Math.min(BATCH, CYCLES - done));
      if (process.stdout.isTTY) process.stdout.write(`\r${Math.min(done + BATCH, CYCLES)}/${CYCLES} create/logout/destroy cycles`);
    }
    if (process.stdout.isTTY) process.stdout.write('\n');
    const seconds = (Date.now() - started) / 1000;
    const after = await measure(cdp);
    flat = printTable(`${CYCLES} create/logout/destroy cycles (${failures} failed, ${seconds.toFixed(1)} s, ${((seconds * 1000) / CYCLES).toFixed(1)} ms each)`, before, after, CYCLES) && failures === 0;
    console.log(`iframes left in the page: ${await page.evaluate(() => document.querySelectorAll('iframe').length)}`);

    const hasModal = await page.evaluate((t) => {
      window.leaksInstance = new window.scDK({ gateway: 'demo', smallcaseAuthToken: t, config: { platformUrl: document.querySelector('meta[name="scdk-e2e-platform"]').content } });
      return typeof window.leaksInstance.openAccountSwitcher === 'function';
    }, token);
    if (!hasModal) {
      console.log(`\n${CYCLES} account-switcher open/close cycles: n/a (openAccountSwitcher() does not exist yet)`);
    } else {
      const first = await modalCycle(page).catch((error) => `failed: ${error.message.split('\n')[0]}`);
      if (first !== 'closed') {
        console.log(`\n${CYCLES} account-switcher open/close cycles: n/a (could not close it with Escape: ${first})`);
      } else {
        const modalBefore = await measure(cdp);
        for (let i = 1; i < CYCLES; i++) {
          const outcome = await modalCycle(page);
          if (outcome !== 'closed') throw new Error(`modal cycle ${i}: ${outcome}`);
        }
        const modalAfter = await measure(cdp);
        flat = printTable(`${CYCLES} account-switcher open/close cycles`, modalBefore, modalAfter, CYCLES) && flat;
      }
    }
    await page.evaluate(() => window.leaksInstance.destroy());
  } finally {
    await cleanUp();
    await demo?.close();
  }
  console.log(flat ? '\nflat: no count grows' : '\nLEAK: a count grows (see above)');
  process.exitCode = flat ? 0 : 1;
}

await main();
