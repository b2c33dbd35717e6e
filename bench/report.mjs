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
  cold: 'openAccountSwitcher() to first paint, cold',
  warm: 'openAccountSwitcher() to first paint, warm',
};
const COLUMN_WIDTHS = [44, 18, 18, 14];

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
const row = (cells) => cells.map((text, i) => String(text).padEnd(COLUMN_WIDTHS[i])).join('  ').trimEnd();
const bytes = (n) => n.toLocaleString('en-US');

/**
 * The human-readable summary printed at the end of `npm run bench`.
 * @param {ReturnType<typeof buildResult>} result
 * @returns {string}
 */
export function formatTable(result) {
  const lines = [
    `scdk bench: ${result.browser}, ${result.runs} runs after ${result.warmups} warm-ups, third-party cookies allowed` +
      (result.platformDelayMs ? `, ${result.platformDelayMs} ms added to every platform request` : '') +
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
