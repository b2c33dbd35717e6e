// What test pages POST to the partner's /__e2e/report (e2e/fixtures/journey.js), handed to the runner
// that waits for it: the engine journeys (e2e-engines/) and the host-app journeys (e2e-apps/).

/** How long a page may take to report what happened: a whole journey on a loaded machine, with room to spare. */
export const REPORT_TIMEOUT_MS = 45_000;

/** Reports from test pages, per run id; `next(run, kind)` resolves with the next one of that kind. */
export function createReportBox() {
  const waiting = new Map();
  const queued = new Map();
  return {
    sink(report) {
      const key = `${report.run}|${report.kind}`;
      const waiter = waiting.get(key);
      if (waiter) {
        waiting.delete(key);
        waiter(report.data);
      } else {
        queued.set(key, [...(queued.get(key) ?? []), report.data]);
      }
    },
    next(run, kind, timeoutMs = REPORT_TIMEOUT_MS) {
      const key = `${run}|${kind}`;
      const already = queued.get(key);
      if (already?.length) return Promise.resolve(already.shift());
      const promise = new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(key);
          reject(new Error(`the page reported no "${kind}" within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiting.set(key, (data) => {
          clearTimeout(timer);
          resolve(data);
        });
      });
      promise.catch(() => {}); // a journey that failed earlier may never await it
      return promise;
    },
  };
}
