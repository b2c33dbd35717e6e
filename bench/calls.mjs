// Round trips to the platform: scdk and the penpal baseline on one partner page (bench/pages/partner/
// calls.html), run by run in alternating order so drift on a busy machine hits both the same way.

export const LIBRARIES = ['scdk', 'penpal'];
export const OPERATIONS = ['session', 'logout'];
/** cold: a new instance and iframe every run. warm: one instance whose bridge is already connected. */
export const MODES = ['cold', 'warm'];
/** The cases of openAccountSwitcher() to first paint (measureSwitcher). */
export const SWITCHER_MODES = ['cold', 'prefetched', 'warm'];

/**
 * @typedef {{ samples: number[], failures: number, errors: string[], noSession: number,
 *   platformRequests: number, platformDocuments: number }} Series `platformDocuments` counts iframe page
 *   loads, so a bridge made again and again shows as more than one per cold call, or any per warm call
 */

/** @returns {Series} */
function emptySeries() {
  return { samples: [], failures: 0, errors: [], noSession: 0, platformRequests: 0, platformDocuments: 0 };
}

/**
 * Counts the platform requests of whichever series `target()` names at the time (null: not counted).
 * @param {import('@playwright/test').Page} page
 * @param {string} platformOrigin
 * @param {() => Series | null} target
 * @returns {() => void} stops counting
 */
function countPlatformRequests(page, platformOrigin, target) {
  const onRequest = (request) => {
    const series = target();
    if (!series || new URL(request.url()).origin !== platformOrigin) return;
    series.platformRequests += 1;
    if (request.resourceType() === 'document') series.platformDocuments += 1;
  };
  page.on('request', onRequest);
  return () => page.off('request', onRequest);
}

/**
 * Adds one run's outcome. A logout that found no session did less work than the bench meant to measure,
 * so it is counted (the table warns) but still timed.
 * @param {Series} series
 * @param {string} operation
 * @param {{ ms: number, value?: any, error?: { code?: number, message: string } }} outcome
 */
function record(series, operation, outcome) {
  if (outcome.error) {
    series.failures += 1;
    const text = `${outcome.error.code ?? ''} ${outcome.error.message}`.trim();
    if (!series.errors.includes(text)) series.errors.push(text);
    return;
  }
  series.samples.push(outcome.ms);
  if (operation === 'logout' && outcome.value?.hadSession !== true) series.noSession += 1;
}

/**
 * Times `session` and `logout`, cold and warm, for both libraries.
 * @param {import('@playwright/test').Page} page the calls page, loaded
 * @param {{ setup: { token: string, platformOrigin: string }, runs: number, warmups: number,
 *   logIn: () => Promise<void>, progress: (line: string) => void }} options `logIn` runs before every logout
 * @returns {Promise<Record<string, Record<string, Series>>>} `${operation}.${mode}` -> library -> series
 */
export async function measureCalls(page, { setup, runs, warmups, logIn, progress }) {
  const results = {};
  let counted = null;
  const stopCounting = countPlatformRequests(page, setup.platformOrigin, () => counted);
  for (const mode of MODES) {
    if (mode === 'warm') {
      for (const library of LIBRARIES) await page.evaluate(([lib, s]) => window.bench.warmUp(lib, s), [library, setup]);
    }
    for (const operation of OPERATIONS) {
      progress(`${operation} ${mode}`);
      const entry = Object.fromEntries(LIBRARIES.map((library) => [library, emptySeries()]));
      for (let run = 0; run < warmups + runs; run += 1) {
        const order = run % 2 === 0 ? LIBRARIES : [...LIBRARIES].reverse();
        for (const library of order) {
          if (operation === 'logout') await logIn();
          counted = run >= warmups ? entry[library] : null;
          const outcome = await page.evaluate((args) => window.bench.run(args.library, args.operation, args.mode, args.setup),
            { library, operation, mode, setup });
          counted = null;
          if (run >= warmups) record(entry[library], operation, outcome);
        }
      }
      results[`${operation}.${mode}`] = entry;
    }
    if (mode === 'warm') {
      for (const library of LIBRARIES) await page.evaluate((lib) => window.bench.tearDown(lib), library);
    }
  }
  stopCounting();
  return results;
}

/**
 * The requests one cold `session` call makes, as `METHOD /path` on the platform (one untimed run each).
 * @param {import('@playwright/test').Page} page
 * @param {{ token: string, platformOrigin: string }} setup
 * @returns {Promise<Record<string, string[]>>} library -> requests
 */
export async function coldRequests(page, setup) {
  const requests = {};
  for (const library of LIBRARIES) {
    const seen = [];
    const onRequest = (request) => {
      const url = new URL(request.url());
      if (url.origin === setup.platformOrigin) seen.push(`${request.method()} ${url.pathname}`);
    };
    page.on('request', onRequest);
    await page.evaluate((args) => window.bench.run(args.library, 'session', 'cold', args.setup), { library, setup });
    page.off('request', onRequest);
    requests[library] = seen;
  }
  return requests;
}

/**
 * openAccountSwitcher() to the modal's first paint, in three cases (bench/pages/partner/runners.js,
 * switcherPaint): `cold` (the UI chunk fetched and run inside the timing), `prefetched` (a `preload`
 * instance after its idle prefetch) and `warm` (the second open of an instance). A cold or prefetched run
 * gets a new page, where no chunk has loaded yet; a cold run also loads the chunk from a URL of its own
 * (`?run=N`), so neither the HTTP cache nor V8's in-memory script cache can serve it. Warm runs share one
 * page, as every run of the single-file bench did, so they compare with its figures.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {{ pageUrl: string, uiUrl: string, setup: { token: string, platformOrigin: string }, runs: number,
 *   warmups: number, progress: (line: string) => void }} options `uiUrl`: the chunk beside scdk.umd.js
 * @returns {Promise<Record<string, Series> | null>} mode -> series; null while the method does not exist
 */
export async function measureSwitcher(context, { pageUrl, uiUrl, setup, runs, warmups, progress }) {
  const results = {};
  for (const mode of SWITCHER_MODES) {
    progress(`openAccountSwitcher ${mode}`);
    const series = emptySeries();
    let page = null;
    try {
      for (let run = 0; run < warmups + runs; run += 1) {
        if (!page || mode !== 'warm') {
          await page?.close();
          page = await context.newPage();
          await page.goto(pageUrl);
          if (!(await page.evaluate((s) => window.bench.hasAccountSwitcher(s), setup))) return null;
        }
        const runUiUrl = mode === 'cold' ? `${uiUrl}?run=${run}` : undefined;
        // Two calls: the timed open starts at no particular point of the frame, as a click would (a start
        // right after a frame would wait a whole frame for the next paint).
        const failed = await page.evaluate((args) => window.bench.prepareSwitcher(args.setup, args.mode, args.uiUrl), { setup, mode, uiUrl: runUiUrl });
        const outcome = failed ?? (await page.evaluate(() => window.bench.switcherPaint()));
        if (run >= warmups) record(series, 'switcher', outcome);
      }
    } finally {
      await page?.close();
    }
    results[mode] = series;
  }
  return results;
}
