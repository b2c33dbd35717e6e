// Turns raw bench series into the JSON result and the printed table.
import { ratio, summarize } from './stats.mjs';

const NOT_BUILT = 'n/a (not built yet)';
const CALL_LABELS = {
  'session.cold': 'getSession()    cold (new iframe)',
  'session.warm': 'getSession()    warm (bridge ready)',
  'logout.cold': 'brokerLogout()  cold (new iframe)',
  'logout.warm': 'brokerLogout()  warm (bridge ready)',
};
const SWITCHER_LABELS = {
  cold: 'openAccountSwitcher() paint, chunk cold',
  prefetched: 'openAccountSwitcher() paint, prefetched',
  warm: 'openAccountSwitcher() paint, warm',
};
/**
 * openAccountSwitcher() to first paint when the UI was inside dist/scdk.umd.js, before issue 13 split it
 * out (medians of 2026-11-21, docs/performance.md): the first open of a new instance, and an open on a
 * `preload` instance whose bridge was ready.
 */
const SINGLE_FILE_COLD_MS = 18.6;
const SINGLE_FILE_WARM_MS = 5.3;
/** Issue 13: a cold open may cost one round trip for the chunk plus this much more than nothing. */
const COLD_GOAL_EXTRA_MS = 30;
const COLUMN_WIDTHS = [44, 18, 18, 14];
const COMPARISON_WIDTHS = [14, 8, 26];

/**
 * @param {{ samples: number[], failures: number, errors?: string[], noSession?: number,
 *   platformRequests?: number, platformDocuments?: number }} series
 */
function stats(series) {
  const summary = summarize(series.samples);
  const calls = series.samples.length + series.failures;
  const perCall = (count) => (count === undefined || calls === 0 ? undefined : count / calls);
  return {
    ...summary,
    failures: series.failures,
    errors: series.errors ?? [],
    noSession: series.noSession ?? 0,
    platformRequestsPerCall: perCall(series.platformRequests),
    framesLoadedPerCall: perCall(series.platformDocuments),
    samples: series.samples.map((ms) => Math.round(ms * 100) / 100), // in run order, to spot drift or outliers
  };
}

/** One metric: scdk and (where there is a baseline) penpal, and their ratio. */
function metric(id, label, scdkSeries, penpalSeries) {
  const scdk = scdkSeries ? stats(scdkSeries) : null;
  const penpal = penpalSeries ? stats(penpalSeries) : null;
  return { id, label, unit: 'ms', scdk, penpal, ratio: ratio(scdk?.n ? scdk : null, penpal?.n ? penpal : null) };
}

/**
 * @param {{ environment: object, sizes: object, evaluation: Record<string, any>,
 *   calls: Record<string, Record<string, any>>, switcher: Record<string, any> | null,
 *   requests: Record<string, string[]> }} raw
 * @returns {object} what bench/results/latest.json holds
 */
export function buildResult({ environment, sizes, evaluation, calls, switcher, requests }) {
  const metrics = [metric('eval', 'script evaluation (main thread)', evaluation.scdk, evaluation.penpal)];
  for (const [id, label] of Object.entries(CALL_LABELS)) metrics.push(metric(id, label, calls[id].scdk, calls[id].penpal));
  for (const [mode, label] of Object.entries(SWITCHER_LABELS)) {
    metrics.push(switcher ? metric(`switcher.${mode}`, label, switcher[mode], null) : { id: `switcher.${mode}`, label, note: NOT_BUILT });
  }
  return { ...environment, sizes, requestsPerColdCall: requests, metrics };
}

const ms = (value) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const cell = (summary) => (summary?.n ? `${ms(summary.median)} (${ms(summary.p95)})` : '-');
const row = (cells, widths = COLUMN_WIDTHS) => cells.map((text, i) => String(text).padEnd(widths[i] ?? 0)).join('  ').trimEnd();
const bytes = (n) => n.toLocaleString('en-US');

/**
 * The call rows of a result, with their platform traffic: for the inline-runtime pass beside the main one.
 * @param {ReturnType<typeof buildResult>} result
 * @returns {string}
 */
export function formatCalls(result) {
  const lines = [row(['metric', 'scdk', 'penpal 7.0.6', 'scdk / penpal'])];
  for (const entry of result.metrics) {
    if (!entry.id.startsWith('session.') && !entry.id.startsWith('logout.')) continue;
    const ratioText = entry.ratio ? `${entry.ratio.median.toFixed(2)} (${entry.ratio.p95.toFixed(2)})` : '';
    lines.push(row([entry.label, cell(entry.scdk), cell(entry.penpal), ratioText]));
    const traffic = (summary) => `${summary.platformRequestsPerCall?.toFixed(2)} (${summary.framesLoadedPerCall?.toFixed(2)})`;
    lines.push(row(['  platform requests per call (page loads)', traffic(entry.scdk), traffic(entry.penpal)]));
  }
  for (const [library, requests] of Object.entries(result.requestsPerColdCall)) lines.push(`one cold getSession(), ${library}: ${requests.length}: ${requests.join(', ')}`);
  return lines.join('\n');
}

/**
 * The switcher's first paint beside the single-file figures and issue 13's goals (reported, not asserted).
 * @param {ReturnType<typeof buildResult>} result
 * @returns {string[]}
 */
function switcherComparison(result) {
  const goals = {
    cold: { ms: result.uiDelayMs + COLD_GOAL_EXTRA_MS, text: `<= ${result.uiDelayMs} + ${COLD_GOAL_EXTRA_MS} (one round trip + ${COLD_GOAL_EXTRA_MS})` },
    prefetched: { ms: SINGLE_FILE_COLD_MS, text: `<= ${SINGLE_FILE_COLD_MS} (single-file cold)` },
    warm: { ms: SINGLE_FILE_WARM_MS, text: `<= ${SINGLE_FILE_WARM_MS} (single-file warm)` },
  };
  const before = { cold: SINGLE_FILE_COLD_MS, prefetched: SINGLE_FILE_COLD_MS, warm: SINGLE_FILE_WARM_MS };
  const lines = [
    '',
    `openAccountSwitcher() first paint, median in ms, ${result.uiDelayMs} ms added to the UI chunk request:`,
    row(['case', 'now', 'before the split', 'issue 13 goal'], COMPARISON_WIDTHS),
  ];
  for (const mode of Object.keys(SWITCHER_LABELS)) {
    const summary = result.metrics.find((entry) => entry.id === `switcher.${mode}`)?.scdk;
    const now = summary?.n ? summary.median : null;
    const verdict = now === null ? '' : now <= goals[mode].ms ? ', met' : ', not met';
    lines.push(row([`  ${mode}`, now === null ? '-' : ms(now), `${ms(before[mode])} (issue 13 baseline)`, `${goals[mode].text}${verdict}`], COMPARISON_WIDTHS));
  }
  return lines;
}

/**
 * The human-readable summary printed at the end of `npm run bench`.
 * @param {ReturnType<typeof buildResult>} result
 * @returns {string}
 */
export function formatTable(result) {
  const lines = [
    `scdk bench: ${result.browser}, ${result.runs} runs after ${result.warmups} warm-ups, third-party cookies allowed` +
      (result.platformDelayMs ? `, ${result.platformDelayMs} ms added to every platform request` : '') +
      (result.uiDelayMs ? `, ${result.uiDelayMs} ms added to the UI chunk request` : '') +
      (result.immutableScripts ? ', iframe scripts served immutable (what-if)' : ''),
    'median (p95) in ms; ratio below 1 means scdk is faster',
    '',
    row(['metric', 'scdk', 'penpal 7.0.6', 'scdk / penpal']),
  ];
  const warnings = [];
  for (const entry of result.metrics) {
    if (entry.note) {
      lines.push(row([entry.label, entry.note]));
      continue;
    }
    const ratioText = entry.ratio ? `${entry.ratio.median.toFixed(2)} (${entry.ratio.p95.toFixed(2)})` : '';
    lines.push(row([entry.label, cell(entry.scdk), entry.penpal ? cell(entry.penpal) : 'no baseline', ratioText]));
    for (const library of ['scdk', 'penpal']) {
      const summary = entry[library];
      if (summary?.failures) warnings.push(`${entry.label}, ${library}: ${summary.failures} failed runs (${summary.errors.join('; ')})`);
      if (summary?.noSession) warnings.push(`${entry.label}, ${library}: ${summary.noSession} logouts found no session`);
    }
  }
  lines.push(...switcherComparison(result));
  lines.push('', 'platform requests per call, mean (of which iframe page loads):');
  for (const entry of result.metrics) {
    if (entry.scdk?.platformRequestsPerCall === undefined || !entry.penpal) continue;
    const traffic = (summary) => `${summary.platformRequestsPerCall.toFixed(2)} (${summary.framesLoadedPerCall.toFixed(2)})`;
    lines.push(row([`  ${entry.label}`, traffic(entry.scdk), traffic(entry.penpal)]));
  }
  lines.push('', 'platform requests of one cold getSession():');
  for (const [library, requests] of Object.entries(result.requestsPerColdCall)) {
    lines.push(`  ${library.padEnd(7)} ${requests.length}: ${requests.join(', ')}`);
  }
  lines.push('', 'sizes (bytes, minified, gzip level 9):');
  for (const [file, size] of Object.entries(result.sizes)) lines.push(`  ${file.padEnd(24)} ${bytes(size.gzip).padStart(7)} gzip  ${bytes(size.raw).padStart(8)} raw`);
  if (warnings.length) lines.push('', 'warnings:', ...warnings.map((text) => `  ${text}`));
  return lines.join('\n');
}
