// Order statistics for bench samples. Medians and p95 rather than means: on a shared 2-core machine a
// few runs are always slowed by other processes, and they should not move the headline figure.

/**
 * @param {number[]} samples milliseconds
 * @returns {{ n: number, median: number, p95: number, min: number, max: number } | null} null when empty
 */
export function summarize(samples) {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { n: sorted.length, median, p95: percentile(sorted, 95), min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Nearest-rank percentile of sorted samples (with 30 runs, p95 is the second-slowest run).
 * @param {number[]} sorted ascending
 * @param {number} percent 0..100
 * @returns {number}
 */
export function percentile(sorted, percent) {
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * scdk / penpal for the median and the p95; below 1 means scdk is faster.
 * @param {{ median: number, p95: number } | null} scdk
 * @param {{ median: number, p95: number } | null} penpal
 * @returns {{ median: number, p95: number } | null}
 */
export function ratio(scdk, penpal) {
  if (!scdk || !penpal || penpal.median === 0 || penpal.p95 === 0) return null;
  return { median: scdk.median / penpal.median, p95: scdk.p95 / penpal.p95 };
}
