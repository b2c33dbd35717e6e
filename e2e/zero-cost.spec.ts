// Zero cost until used: the script tag defines `window.scDK` and does nothing else, and so does
// `new scDK(...)`, unless `config.preload` asks for the bridge early. A recorder installed before any
// page script (page.addInitScript) counts every timer, listener, observer, request, DOM change, handler
// property and long task, so any work the bundle starts makes these tests fail (the self-test shows it).
import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { mintToken } from './helpers';
import { PARTNER, PLATFORM } from './origins';

const PAGE_URL = `${PARTNER}/e2e/zero-cost.html`;
const BUNDLE_URL = `${PARTNER}/scdk.umd.js`;
const BRIDGE_PATH = '/scdk/v1/bridge';
/** The recorder lives under a symbol: symbols are not own property *names*, so the globals diff never sees it. */
const RECORDER_KEY = 'scdk.zero-cost.recorder';
/** How long we keep watching after load or construction, so deferred work (a timer, an idle callback, a request) shows. */
const SETTLE_MS = 500;

interface Snapshot {
  /** Calls that schedule or start work: timers, listeners, observers, requests, shadow roots. */
  work: string[];
  /** Every DOM change since the page started: `+parent>CHILD`, `-parent>CHILD`, `@TAG.attribute`, `~text`. */
  mutations: string[];
  /** Own property names of `window` that were not there before the first page script ran. */
  globals: string[];
  /** `on*` handler properties of window and document that hold something. */
  handlers: string[];
  /** Durations (ms) of long tasks (> 50 ms) on the partner's main thread. */
  longTasks: number[];
  iframes: number;
  html: string;
  storage: string;
}

/**
 * Runs in the page before any of its scripts (serialized by Playwright: no closures over the test file).
 * Only the top frame records: the bridge iframe is the platform's page, not the partner's.
 */
function installRecorder(key: string): void {
  if (window !== window.top) return;
  const globalsBefore = new Set(Object.getOwnPropertyNames(window));
  const work: string[] = [];
  const mutations: string[] = [];
  const longTasks: number[] = [];
  const note = (what: string) => work.push(what);
  const describe = (target: unknown): string =>
    target === window ? 'window' : target === document ? 'document' : Object.prototype.toString.call(target);

  const wrapMethod = (owner: Record<string, unknown>, name: string, detail: (args: unknown[]) => string = () => '') => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (this: unknown, ...args: unknown[]) {
      note(`${name}(${detail(args)})`);
      return original.apply(this, args);
    };
  };
  const asText = (args: unknown[]) => (typeof args[0] === 'string' ? args[0] : typeof args[0]);
  const win = window as unknown as Record<string, unknown>;
  for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame', 'requestIdleCallback', 'queueMicrotask', 'fetch', 'open']) {
    wrapMethod(win, name, asText);
  }
  wrapMethod(Navigator.prototype as unknown as Record<string, unknown>, 'sendBeacon', asText);
  wrapMethod(XMLHttpRequest.prototype as unknown as Record<string, unknown>, 'open', (args) => String(args[1]));
  wrapMethod(Element.prototype as unknown as Record<string, unknown>, 'attachShadow');
  wrapMethod(CustomElementRegistry.prototype as unknown as Record<string, unknown>, 'define', asText);
  // Listeners on any target (window, document, elements), named with their target.
  const addListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['addEventListener']>) {
    note(`listener ${describe(this)} ${args[0]}`);
    return addListener.apply(this, args);
  };

  // Constructors that start work in the background. Our own observers are made from the originals first.
  const OriginalMutationObserver = MutationObserver;
  const OriginalPerformanceObserver = PerformanceObserver;
  for (const name of ['MutationObserver', 'PerformanceObserver', 'ResizeObserver', 'IntersectionObserver', 'MessageChannel',
    'BroadcastChannel', 'Worker', 'SharedWorker', 'WebSocket', 'EventSource']) {
    const Original = win[name] as (new (...args: unknown[]) => object) | undefined;
    if (typeof Original !== 'function') continue;
    win[name] = new Proxy(Original, {
      construct(target, args, newTarget) {
        note(`new ${name}`);
        return Reflect.construct(target, args, newTarget);
      },
    });
  }

  const nameOf = (node: Node | null) => (node ? node.nodeName : 'null');
  const observer = new OriginalMutationObserver((records) => records.forEach(recordMutation));
  function recordMutation(record: MutationRecord): void {
    if (record.type === 'attributes') mutations.push(`@${nameOf(record.target)}.${record.attributeName}`);
    else if (record.type === 'characterData') mutations.push(`~${nameOf(record.target.parentNode)}`);
    record.addedNodes.forEach((node) => mutations.push(`+${nameOf(record.target)}>${nameOf(node)}`));
    record.removedNodes.forEach((node) => mutations.push(`-${nameOf(record.target)}>${nameOf(node)}`));
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  try {
    new OriginalPerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(Math.round(entry.duration))))
      .observe({ type: 'longtask', buffered: true });
  } catch {
    longTasks.push(-1); // no Long Tasks API: the test then fails loudly instead of passing blind
  }

  const handlersOf = (target: object, label: string) => {
    const found: string[] = [];
    for (const name in target) {
      if (name.startsWith('on') && (target as Record<string, unknown>)[name] != null) found.push(`${label}.${name}`);
    }
    return found;
  };

  const recorder = {
    instance: null as unknown,
    snapshot() {
      observer.takeRecords().forEach(recordMutation);
      return {
        work: work.slice(),
        mutations: mutations.slice(),
        globals: Object.getOwnPropertyNames(window).filter((name) => !globalsBefore.has(name)),
        handlers: [...handlersOf(window, 'window'), ...handlersOf(document, 'document')],
        longTasks: longTasks.slice(),
        iframes: document.querySelectorAll('iframe').length,
        html: document.documentElement.outerHTML,
        storage: `${document.cookie}|${localStorage.length}|${sessionStorage.length}`,
      };
    },
  };
  (window as unknown as Record<symbol, unknown>)[Symbol.for(key)] = recorder;
}

/** Every request the page and its frames send, as `METHOD url`. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => seen.push(`${request.method()} ${request.url()}`));
  return seen;
}

async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate((key) => {
    const recorder = (window as unknown as Record<symbol, { snapshot(): Snapshot }>)[Symbol.for(key)];
    return recorder.snapshot();
  }, RECORDER_KEY);
}

/** Loads the partner page with the recorder in place; `bundle` replaces the SDK's source when given. */
async function loadPartnerPage(page: Page, bundle?: string): Promise<{ snapshot: Snapshot; requests: string[] }> {
  await page.addInitScript(installRecorder, RECORDER_KEY);
  if (bundle !== undefined) {
    await page.route(BUNDLE_URL, (route) => route.fulfill({ contentType: 'application/javascript', body: bundle }));
  }
  const requests = recordRequests(page);
  await page.goto(PAGE_URL, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
  return { snapshot: await snapshot(page), requests };
}

/** The part of `after` that `before` did not have yet. */
function added(before: Snapshot, after: Snapshot) {
  return {
    work: after.work.slice(before.work.length),
    mutations: after.mutations.slice(before.mutations.length),
    globals: after.globals.filter((name) => !before.globals.includes(name)),
    handlers: after.handlers.filter((name) => !before.handlers.includes(name)),
    longTasks: after.longTasks.slice(before.longTasks.length),
    iframes: after.iframes - before.iframes,
  };
}

const NOTHING = { work: [], mutations: [], globals: [], handlers: [], longTasks: [], iframes: 0 };

test('loading the script defines window.scDK and nothing else', async ({ browser }) => {
  const context = await browser.newContext();
  // Control: the same page with an empty script in place of the SDK shows what the page does on its own.
  const control = await loadPartnerPage(await context.newPage(), '');
  const loaded = await loadPartnerPage(await context.newPage());
  await context.close();

  expect(control.snapshot.globals).toEqual([]);
  expect(loaded.snapshot.globals).toEqual(['scDK']);
  expect(loaded.snapshot.work).toEqual([]);
  expect(loaded.snapshot.mutations.slice().sort()).toEqual(control.snapshot.mutations.slice().sort());
  expect(loaded.snapshot.html).toBe(control.snapshot.html);
  expect(loaded.snapshot.handlers).toEqual(control.snapshot.handlers);
  expect(loaded.snapshot.longTasks).toEqual([]);
  expect(loaded.snapshot.iframes).toBe(0);
  expect(loaded.snapshot.storage).toBe(control.snapshot.storage);
  expect(loaded.requests).toEqual([`GET ${PAGE_URL}`, `GET ${BUNDLE_URL}`]);
});

test('the recorder catches a script that does work on load (so the test above can fail)', async ({ page }) => {
  const LONG_TASK_MS = 80;
  const leaky = `window.scDK = function () {};
    setTimeout(function () {}, 0);
    window.addEventListener('message', function () {});
    document.head.appendChild(document.createElement('style'));
    fetch('/e2e/zero-cost.html').catch(function () {});
    var leakedGlobal = performance.now() + ${LONG_TASK_MS};
    while (performance.now() < leakedGlobal) {}`;
  const { snapshot: leaked, requests } = await loadPartnerPage(page, leaky);
  expect(leaked.globals.sort()).toEqual(['leakedGlobal', 'scDK']);
  expect(leaked.work).toEqual(expect.arrayContaining(['setTimeout(function)', 'listener window message', 'fetch(/e2e/zero-cost.html)']));
  expect(leaked.mutations).toContain('+HEAD>STYLE');
  expect(leaked.longTasks.length).toBeGreaterThan(0);
  expect(requests.length).toBeGreaterThan(2);
});

test('new scDK(...) adds nothing until a call needs the bridge', async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const { snapshot: before, requests } = await loadPartnerPage(page);
  const requestsBefore = requests.length;
  await page.evaluate(({ key, token, platformUrl }) => {
    const recorder = (window as unknown as Record<symbol, { instance: unknown }>)[Symbol.for(key)];
    const ScDK = (window as unknown as { scDK: new (options: object) => unknown }).scDK;
    recorder.instance = new ScDK({ gateway: 'demo', smallcaseAuthToken: token, config: { platformUrl } });
  }, { key: RECORDER_KEY, token, platformUrl: PLATFORM });
  await page.waitForTimeout(SETTLE_MS);
  const after = await snapshot(page);

  expect(added(before, after)).toEqual(NOTHING);
  expect(after.html).toBe(before.html);
  expect(requests.slice(requestsBefore)).toEqual([]);
});

test('config.preload creates the bridge iframe at construction, and the first call reuses it', async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const { requests } = await loadPartnerPage(page);
  const bridgeLoads = () => requests.filter((line) => line.startsWith(`GET ${PLATFORM}${BRIDGE_PATH}?`)).length;
  const framesRightAfter = await page.evaluate(({ key, token, platformUrl, bridgePath }) => {
    const recorder = (window as unknown as Record<symbol, { instance: unknown }>)[Symbol.for(key)];
    const ScDK = (window as unknown as { scDK: new (options: object) => unknown }).scDK;
    recorder.instance = new ScDK({ gateway: 'demo', smallcaseAuthToken: token, config: { platformUrl, preload: true } });
    return document.querySelectorAll(`iframe[src^="${platformUrl}${bridgePath}"]`).length;
  }, { key: RECORDER_KEY, token, platformUrl: PLATFORM, bridgePath: BRIDGE_PATH });
  expect(framesRightAfter).toBe(1);
  await expect.poll(bridgeLoads).toBe(1);

  const session = await page.evaluate(async (key) => {
    const recorder = (window as unknown as Record<symbol, { instance: { getSession(): Promise<{ state: string }> } }>)[Symbol.for(key)];
    return (await recorder.instance.getSession()).state;
  }, RECORDER_KEY);
  expect(['connected', 'disconnected', 'unknown']).toContain(session);
  expect(bridgeLoads()).toBe(1);
  expect(await page.locator('iframe').count()).toBe(1);

  await page.evaluate((key) => {
    (window as unknown as Record<symbol, { instance: { destroy(): void } }>)[Symbol.for(key)].instance.destroy();
  }, RECORDER_KEY);
  expect(await page.locator('iframe').count()).toBe(0);
});
