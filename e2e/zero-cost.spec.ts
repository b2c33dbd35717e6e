// Zero cost until used: the script tag defines `window.scDK` and does nothing else, and so does
// `new scDK(...)`, unless `config.preload` asks for the bridge early. A recorder installed before any
// page script (page.addInitScript) counts every timer, listener, observer, request, DOM change and handler
// property, and a Chromium trace gives the page's main-thread tasks with the CPU time each one used, so any
// work the bundle starts makes these tests fail (the self-test shows it).
import type { Browser, Page, Request } from '@playwright/test';
import { expect, iframeReachesCookies, test } from './fixtures';
import { mintToken } from './helpers';
import { PARTNER, PLATFORM } from './origins';

const pageUrl = (): string => `${PARTNER}/e2e/zero-cost.html`;
const bundleUrl = (): string => `${PARTNER}/scdk.umd.js`;
const BRIDGE_PATH = '/scdk/v1/bridge';
/** The recorder lives under a symbol: symbols are not own property *names*, so the globals diff never sees it. */
const RECORDER_KEY = 'scdk.zero-cost.recorder';
/**
 * Marks the request settle() sends to know that Playwright has reported every earlier request of the page;
 * recordRequests() leaves it out.
 */
const BARRIER_PARAM = 'zero-cost-barrier';
/** Trace categories with the main thread's tasks (RunTask, with CPU time `tdur`), the scripts they ran and the page's frames. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
/**
 * Trace events that mean "this task ran the script's code" when their `data.url` is the script's: compiling
 * it, evaluating its top level, calling one of its functions (a timer, listener or promise callback). Not
 * ResourceSendRequest and the like: requesting the script is the page's parser at work, not the script.
 */
const CODE_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'FunctionCall']);
/**
 * A long task, as the Long Tasks API counts it (over 50 ms), but measured in the main thread's CPU time rather
 * than wall-clock time: on a loaded machine the renderer can be descheduled in the middle of any task, which
 * stretches its wall-clock time past 50 ms without the page doing any more work; its CPU time stays put.
 */
const LONG_TASK_CPU_MS = 50;
const MICROSECONDS_PER_MS = 1000;
/**
 * The self-test's busy loop: a fixed amount of work, not "until N ms have passed", so that a descheduled
 * renderer cannot make it use less CPU. About 300 ms of CPU on this 2-core machine (1 ns an iteration),
 * 6x LONG_TASK_CPU_MS: a machine would have to be 6x faster for the self-test to miss it, and then it
 * fails loudly rather than passing blind.
 */
const BUSY_LOOP_ITERATIONS = 300_000_000;

interface Snapshot {
  /** Calls that schedule or start work: timers, listeners, observers, requests, shadow roots. */
  work: string[];
  /** Every DOM change since the page started: `+parent>CHILD`, `-parent>CHILD`, `@TAG.attribute`, `~text`. */
  mutations: string[];
  /** Own property names of `window` that were not there before the first page script ran. */
  globals: string[];
  /** `on*` handler properties of window and document that hold something. */
  handlers: string[];
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
  // What settled() and barrier() use, taken before the wrapping below so that the recorder records nothing of its own.
  const originalSetTimeout = window.setTimeout.bind(window);
  const originalRequestIdleCallback = window.requestIdleCallback.bind(window);
  const originalFetch = window.fetch.bind(window);
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

  // Constructors that start work in the background. Our own observer is made from the original first.
  const OriginalMutationObserver = MutationObserver;
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

  const handlersOf = (target: object, label: string) => {
    const found: string[] = [];
    for (const name in target) {
      if (name.startsWith('on') && (target as Record<string, unknown>)[name] != null) found.push(`${label}.${name}`);
    }
    return found;
  };

  const recorder = {
    instance: null as unknown,
    /**
     * Resolves once the event loop has gone idle: a task turn, then an idle period (requestIdleCallback runs
     * only when no task, microtask or rendering work is pending). Whatever the page queued without a delay
     * has run by then; whatever it queued through a wrapped API (timers of any delay, listeners, observers,
     * requests) was recorded at the call already.
     */
    settled() {
      return new Promise<void>((resolve) => originalSetTimeout(() => originalRequestIdleCallback(() => resolve())));
    },
    /** Sends the barrier request (see settle()); the response does not matter. */
    barrier(url: string) {
      originalFetch(url).catch(() => {});
    },
    snapshot() {
      observer.takeRecords().forEach(recordMutation);
      return {
        work: work.slice(),
        mutations: mutations.slice(),
        globals: Object.getOwnPropertyNames(window).filter((name) => !globalsBefore.has(name)),
        handlers: [...handlersOf(window, 'window'), ...handlersOf(document, 'document')],
        iframes: document.querySelectorAll('iframe').length,
        html: document.documentElement.outerHTML,
        storage: `${document.cookie}|${localStorage.length}|${sessionStorage.length}`,
      };
    },
  };
  (window as unknown as Record<symbol, unknown>)[Symbol.for(key)] = recorder;
}

/** Every request the page and its frames send, as `METHOD url`, but settle()'s barrier. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => {
    if (!new URL(request.url()).searchParams.has(BARRIER_PARAM)) seen.push(`${request.method()} ${request.url()}`);
  });
  return seen;
}

let barriers = 0;

/**
 * Waits, on events rather than a fixed time, until what the page did so far can be read: its event loop has
 * gone idle (recorder.settled()), and Playwright has reported its requests. For the latter the page sends one
 * more request, with the original fetch, and the test waits for Playwright to report it: the page's own
 * requests are reported in the order the page sent them, so every earlier one has been reported by then.
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate((key) => {
    const recorder = (window as unknown as Record<symbol, { settled(): Promise<void> }>)[Symbol.for(key)];
    return recorder.settled();
  }, RECORDER_KEY);
  barriers += 1;
  const url = `${pageUrl()}?${BARRIER_PARAM}=${barriers}`;
  const reported = page.waitForRequest(url);
  await page.evaluate(({ key, url }) => {
    (window as unknown as Record<symbol, { barrier(url: string): void }>)[Symbol.for(key)].barrier(url);
  }, { key: RECORDER_KEY, url });
  await reported;
}

/** A main-thread task from the trace: its CPU time and its wall-clock time, in ms. */
interface Task {
  cpuMs: number;
  wallMs: number;
}

interface MainThread {
  /** Every task the page's renderer main thread ran while traced. */
  tasks: Task[];
  /** The tasks among them that ran code from bundleUrl() in the page (its evaluation, or a callback of it). */
  ranBundle: Task[];
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: {
    name?: string;
    data?: { url?: string; frame?: string; processId?: number; frames?: { frame: string; processId: number; isOutermostMainFrame?: boolean }[] };
  };
}

/** The long tasks among `tasks`: over LONG_TASK_CPU_MS of CPU time. */
function longTasks(tasks: Task[]): Task[] {
  return tasks.filter((task) => task.cpuMs > LONG_TASK_CPU_MS);
}

/**
 * Runs `action` under a Chromium trace and returns the tasks the main thread of `page`'s renderer ran
 * meanwhile. Tracing is browser-wide; the page is found by its main frame (TracingStartedInBrowser names it,
 * FrameCommittedInBrowser follows it to another renderer process), and the bundle's code by its URL.
 */
async function traceMainThread(browser: Browser, page: Page, action: () => Promise<void>): Promise<MainThread> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let trace: Buffer;
  try {
    await action();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;

  const started = events.find((event) => event.name === 'TracingStartedInBrowser');
  const mainFrame = started?.args?.data?.frames?.find((frame) => frame.isOutermostMainFrame);
  if (!mainFrame) throw new Error('the trace does not name the page\'s main frame');
  const processes = new Set([mainFrame.processId]);
  for (const event of events) {
    const data = event.args?.data;
    if (event.name === 'FrameCommittedInBrowser' && data?.frame === mainFrame.frame && data.processId) processes.add(data.processId);
  }
  const thread = (event: TraceEvent) => `${event.pid}:${event.tid}`;
  const mainThreads = new Set(
    events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && processes.has(event.pid)).map(thread),
  );
  const runTasks = events.filter((event) => event.name === 'RunTask' && event.ph === 'X' && mainThreads.has(thread(event)));
  if (runTasks.length === 0) throw new Error('the trace shows no task on the page\'s main thread');
  // Chromium leaves out `tdur` on a few tasks (a microsecond long, at the trace's edges); their wall-clock time
  // stands in, an upper bound of CPU time. With no `tdur` at all this would be wall-clock time: refuse it.
  if (runTasks.every((event) => event.tdur === undefined)) throw new Error('the trace has no CPU time (tdur) for main-thread tasks');
  const bundleCode = events.filter((event) => {
    const data = event.args?.data;
    return CODE_EVENTS.has(event.name) && data?.url === bundleUrl() && mainThreads.has(thread(event)) && (data.frame === undefined || data.frame === mainFrame.frame);
  });
  const ranBundle = runTasks.filter((task) =>
    bundleCode.some((event) => thread(event) === thread(task) && event.ts >= task.ts && event.ts <= task.ts + (task.dur ?? 0)),
  );
  const ms = (microseconds = 0) => Math.round((microseconds / MICROSECONDS_PER_MS) * 10) / 10;
  const toTask = (event: TraceEvent): Task => ({ cpuMs: ms(event.tdur ?? event.dur), wallMs: ms(event.dur) });
  return { tasks: runTasks.map(toTask), ranBundle: ranBundle.map(toTask) };
}

async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate((key) => {
    const recorder = (window as unknown as Record<symbol, { snapshot(): Snapshot }>)[Symbol.for(key)];
    return recorder.snapshot();
  }, RECORDER_KEY);
}

/** Loads the partner page with the recorder in place, under a trace; `bundle` replaces the SDK's source when given. */
async function loadPartnerPage(
  browser: Browser,
  page: Page,
  bundle?: string,
): Promise<{ snapshot: Snapshot; requests: string[]; mainThread: MainThread }> {
  await page.addInitScript(installRecorder, RECORDER_KEY);
  if (bundle !== undefined) {
    await page.route(bundleUrl(), (route) => route.fulfill({ contentType: 'application/javascript', body: bundle }));
  }
  const requests = recordRequests(page);
  const mainThread = await traceMainThread(browser, page, async () => {
    await page.goto(pageUrl(), { waitUntil: 'load' });
    await settle(page);
  });
  return { snapshot: await snapshot(page), requests, mainThread };
}

/** The part of `after` that `before` did not have yet. */
function added(before: Snapshot, after: Snapshot) {
  return {
    work: after.work.slice(before.work.length),
    mutations: after.mutations.slice(before.mutations.length),
    globals: after.globals.filter((name) => !before.globals.includes(name)),
    handlers: after.handlers.filter((name) => !before.handlers.includes(name)),
    iframes: after.iframes - before.iframes,
  };
}

const NOTHING = { work: [], mutations: [], globals: [], handlers: [], longTasks: [], iframes: 0 };

// Any world: loading defines a global and nothing else. Solo: it counts long tasks by CPU time in a trace, which a busy machine inflates.
test('loading the script defines window.scDK and nothing else', { tag: ['@any-world', '@solo'] }, async ({ browser }) => {
  const context = await browser.newContext();
  // Control: the same page with an empty script in place of the SDK shows what the page does on its own.
  const control = await loadPartnerPage(browser, await context.newPage(), '');
  const loaded = await loadPartnerPage(browser, await context.newPage());
  await context.close();

  expect(control.snapshot.globals).toEqual([]);
  expect(loaded.snapshot.globals).toEqual(['scDK']);
  expect(loaded.snapshot.work).toEqual([]);
  expect(loaded.snapshot.mutations.slice().sort()).toEqual(control.snapshot.mutations.slice().sort());
  expect(loaded.snapshot.html).toBe(control.snapshot.html);
  expect(loaded.snapshot.handlers).toEqual(control.snapshot.handlers);
  // The script's own cost: the task(s) that evaluated it (or ran any callback of it) used under 50 ms of CPU.
  // Attributed to the bundle's URL, so the page's other load work does not count; CPU time, so a stretch
  // caused by a loaded machine does not count either, while real work on load (a loop, a big computation) does.
  expect(loaded.mainThread.ranBundle.length).toBeGreaterThan(0); // the trace saw the script run: not blind
  expect(longTasks(loaded.mainThread.ranBundle)).toEqual([]);
  expect(loaded.snapshot.iframes).toBe(0);
  expect(loaded.snapshot.storage).toBe(control.snapshot.storage);
  expect(loaded.requests).toEqual([`GET ${pageUrl()}`, `GET ${bundleUrl()}`]);
});

// Any world: a self-test of the recorder. Solo: it must see a 300 ms task as long, on a machine not busy with other tests.
test('the recorder catches a script that does work on load (so the test above can fail)', { tag: ['@any-world', '@solo'] }, async ({ browser, page }) => {
  const leaky = `window.scDK = function () {};
    setTimeout(function () {}, 0);
    window.addEventListener('message', function () {});
    document.head.appendChild(document.createElement('style'));
    fetch('/e2e/zero-cost.html').catch(function () {});
    var leakedGlobal = 0;
    while (leakedGlobal < ${BUSY_LOOP_ITERATIONS}) leakedGlobal += 1;`;
  const { snapshot: leaked, requests, mainThread } = await loadPartnerPage(browser, page, leaky);
  expect(leaked.globals.sort()).toEqual(['leakedGlobal', 'scDK']);
  expect(leaked.work).toEqual(expect.arrayContaining(['setTimeout(function)', 'listener window message', 'fetch(/e2e/zero-cost.html)']));
  expect(leaked.mutations).toContain('+HEAD>STYLE');
  expect(longTasks(mainThread.ranBundle).length).toBeGreaterThan(0);
  expect(requests.length).toBeGreaterThan(2);
});

// Any world: construction touches nothing. Solo: it counts long tasks by CPU time in a trace.
test('new scDK(...) adds nothing until a call needs the bridge', { tag: ['@any-world', '@solo'] }, async ({ browser, page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const { snapshot: before, requests } = await loadPartnerPage(browser, page);
  const requestsBefore = requests.length;
  const construction = await traceMainThread(browser, page, async () => {
    await page.evaluate(({ key, token, platformUrl }) => {
      const recorder = (window as unknown as Record<symbol, { instance: unknown }>)[Symbol.for(key)];
      const ScDK = (window as unknown as { scDK: new (options: object) => unknown }).scDK;
      recorder.instance = new ScDK({ gateway: 'demo', smallcaseAuthToken: token, config: { platformUrl } });
    }, { key: RECORDER_KEY, token, platformUrl: PLATFORM });
    await settle(page);
  });
  const after = await snapshot(page);

  // Long tasks: every task of the page's main thread from the constructor on (the constructor runs inside
  // Playwright's evaluate, so no script URL tells its task apart); by CPU time, as for loading.
  expect({ ...added(before, after), longTasks: longTasks(construction.tasks) }).toEqual(NOTHING);
  expect(after.html).toBe(before.html);
  expect(requests.slice(requestsBefore)).toEqual([]);
});

test('config.preload creates the bridge iframe at construction, and the first call reuses it', async ({ browser, page, request, cookieWorld }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const { requests } = await loadPartnerPage(browser, page);
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
    const recorder = (window as unknown as Record<symbol, { instance: { getSession(): Promise<unknown> } }>)[Symbol.for(key)];
    return recorder.instance.getSession();
  }, RECORDER_KEY);
  // Nobody logged in on the platform: where the bridge reaches the platform's cookies it knows there is no
  // session; where they are blocked (and no Storage Access was granted) it cannot tell. The whole answer,
  // so that no extra field (an account id, say) can ride along unseen.
  expect(session).toEqual({ state: iframeReachesCookies(cookieWorld) ? 'disconnected' : 'unknown', broker: 'Demo Broker' });
  expect(bridgeLoads()).toBe(1);
  expect(await page.locator('iframe').count()).toBe(1);

  await page.evaluate((key) => {
    (window as unknown as Record<symbol, { instance: { destroy(): void } }>)[Symbol.for(key)].instance.destroy();
  }, RECORDER_KEY);
  expect(await page.locator('iframe').count()).toBe(0);
});
