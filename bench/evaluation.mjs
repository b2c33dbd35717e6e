// Script evaluation time: what loading a library costs the partner's main thread. Read from a Chromium
// trace: the `EvaluateScript` event DevTools shows for each classic script (main-thread compile finish
// plus running the top level; parsing streamed on a background thread is not the page's time).

/** Trace categories that carry EvaluateScript (devtools.timeline) and its v8.compile / v8.run children. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'].join(',');
const EVALUATE_SCRIPT_EVENT = 'EvaluateScript';
const MICROSECONDS_PER_MS = 1000;

/** In the page: adds a classic script and resolves once it has run (`load` fires after execution). */
function insertScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.append(script);
  });
}

/**
 * Loads each script `warmups + runs` times into one partner page, alternating their order, under one trace.
 * Every load uses a new URL (`?run=N`), so V8's code cache never serves it: each run costs what a first
 * visit costs.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {{ pageUrl: string, scripts: { name: string, url: string }[], runs: number, warmups: number }} options
 * @returns {Promise<Record<string, { samples: number[], failures: number }>>} milliseconds per script name
 */
export async function measureEvaluation(context, { pageUrl, scripts, runs, warmups }) {
  const page = await context.newPage();
  await page.goto(pageUrl);
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const traceComplete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });

  const measuredUrls = Object.fromEntries(scripts.map(({ name }) => [name, []]));
  for (let run = 0; run < warmups + runs; run += 1) {
    const order = run % 2 === 0 ? scripts : [...scripts].reverse();
    for (const { name, url } of order) {
      const runUrl = `${url}?run=${run}`;
      await page.evaluate(insertScript, runUrl);
      if (run >= warmups) measuredUrls[name].push(runUrl);
    }
  }
  await cdp.send('Tracing.end');
  await traceComplete;
  await cdp.detach();
  await page.close();

  const durationByUrl = new Map();
  for (const event of events) {
    const url = event.args?.data?.url;
    if (event.name === EVALUATE_SCRIPT_EVENT && event.ph === 'X' && typeof url === 'string') {
      durationByUrl.set(url, event.dur / MICROSECONDS_PER_MS);
    }
  }
  return Object.fromEntries(scripts.map(({ name }) => {
    const found = measuredUrls[name].map((url) => durationByUrl.get(url));
    const samples = found.filter((ms) => typeof ms === 'number');
    return [name, { samples, failures: found.length - samples.length }];
  }));
}
