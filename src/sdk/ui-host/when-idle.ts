/** How long an idle callback may wait on a busy page before it runs anyway. */
export const IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `task` when the browser is next idle (a short timer where there is no requestIdleCallback, as in
 * Safari before 18); returns its cancellation.
 */
export function whenIdle(task: () => unknown): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => task(), { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(task, 1);
  return () => clearTimeout(timer);
}
