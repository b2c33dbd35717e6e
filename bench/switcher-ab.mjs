#!/usr/bin/env node
// openAccountSwitcher() to first paint in two or more checkouts of scdk, run by run in alternating order in
// one browser, so both see the same machine load: on a shared 2-core machine, figures taken on different
// days (or minutes) differ by more than the builds do. Each checkout needs its dist/ built, and serves it
// from its own demo servers (free ports); the UI chunk request is held 50 ms, as in npm run bench.
//   node bench/switcher-ab.mjs <cold|prefetched|warm> <runs> <checkout> [<checkout>...]
// e.g. against the single-file build before issue 13:
//   git worktree add --detach ../scdk-single 11708cd && (cd ../scdk-single && npm ci && npm run build)
//   node bench/switcher-ab.mjs warm 30 . ../scdk-single
// cold: a new page and instance, chunk from a URL no cache holds; prefetched: a preload instance whose
// bridge answered and whose chunk (if any) has loaded; warm: its second open. Prints the median time to
// the modal's host element and to the frame after it (the bench's first paint).
import { createServer } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/chromium-path.mjs';
const [mode = 'warm', runsArg = '15', ...dirs] = process.argv.slice(2);
const runs = Number(runsArg);
const trees = (dirs.length ? dirs : ['.']).map((dir) => resolvePath(dir));
const freePort = () => new Promise((done) => { const probe = createServer().listen(0, 'localhost', () => { const { port } = probe.address(); probe.close(() => done(port)); }); });
const demos = [];
for (const dir of trees) {
  const { startDemo } = await import(`${dir}/demo/start.mjs`);
  const partnerPort = await freePort();
  let platformPort = await freePort();
  while (platformPort === partnerPort) platformPort = await freePort();
  const demo = await startDemo({ partnerPort, platformPort, quiet: true, bench: true });
  const emit = demo.partner.server.emit;
  demo.partner.server.emit = function (ev, ...a) { if (ev === 'request' && /\/scdk-ui\.js/.test(a[0].url)) { setTimeout(() => emit.call(this, ev, ...a), 50); return true; } return emit.call(this, ev, ...a); };
  const token = (await (await fetch(`${demo.partner.origin}/api/token?smallcaseAuthId=bench-user`)).json()).token;
  demos.push({ dir, demo, setup: { token, platformOrigin: demo.platform.origin }, rows: [], page: null });
}
const browser = await chromium.launch({ executablePath: findChromium(), headless: true });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const PAGE_FNS = () => {
  window.probe = {
    nextHost() {
      return new Promise((resolve) => {
        const t = setTimeout(() => { o.disconnect(); resolve(null); }, 5000);
        const o = new MutationObserver((recs) => { for (const r of recs) for (const n of r.addedNodes) if (n.nodeType === 1 && n.nodeName !== 'IFRAME' && n.nodeName !== 'SCRIPT') { o.disconnect(); clearTimeout(t); resolve(n); return; } });
        o.observe(document.documentElement, { childList: true, subtree: true });
      });
    },
    afterPaint() { return new Promise((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => { c.port1.close(); r(); }; c.port2.postMessage(null); })); },
    async prepare(setup, mode, uiUrl) {
      const config = { platformUrl: setup.platformOrigin, preload: mode !== 'cold' };
      if (uiUrl) config.uiUrl = uiUrl;
      const inst = new window.scDK({ gateway: 'demo', smallcaseAuthToken: setup.token, config });
      window.probe.inst = inst;
      if (mode !== 'cold') {
        await inst.getSession();
        // the idle prefetch of a split build: its <script> comes at the next idle moment and goes once run
        await new Promise((r) => requestIdleCallback(r));
        while (document.querySelector('script[data-scdk-build]')) await new Promise((r) => setTimeout(r, 20));
      }
      if (mode === 'warm') {
        const host = window.probe.nextHost();
        const closed = inst.openAccountSwitcher().catch(() => {});
        const h = await host; await window.probe.afterPaint();
        h.shadowRoot.querySelector('[role=dialog]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
        await closed;
      }
    },
    async timed() {
      const inst = window.probe.inst;
      const host = window.probe.nextHost();
      const t0 = performance.now();
      inst.openAccountSwitcher().catch(() => {});
      const h = await host; const tHost = performance.now() - t0;
      await window.probe.afterPaint();
      const ms = performance.now() - t0;
      inst.destroy();
      return { ms, tHost, ok: !!h };
    },
  };
};
for (let run = 0; run < runs + 3; run++) {
  for (const d of (run % 2 ? [...demos].reverse() : demos)) {
    if (!d.page || mode !== 'warm') { await d.page?.close(); d.page = await context.newPage(); await d.page.goto(`${d.demo.partner.origin}/bench/calls.html`); await d.page.evaluate(PAGE_FNS); }
    await d.page.bringToFront();
    const uiUrl = mode === 'cold' ? `${d.demo.partner.origin}/scdk-ui.js?run=${run}` : undefined;
    await d.page.evaluate((a) => window.probe.prepare(a.setup, a.mode, a.uiUrl), { setup: d.setup, mode, uiUrl });
    const r = await d.page.evaluate(() => window.probe.timed());
    if (run >= 3) d.rows.push(r);
  }
}
const med = (v) => { v = [...v].sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
for (const d of demos) console.log(d.dir, mode, 'median', med(d.rows.map((r) => r.ms)).toFixed(2), 'host', med(d.rows.map((r) => r.tHost)).toFixed(2), 'n', d.rows.length);
await browser.close();
for (const d of demos) await d.demo.close();
process.exit(0);
