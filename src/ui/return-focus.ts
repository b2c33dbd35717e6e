import { deepActiveElement } from './dialog-focus';

/**
 * How long focus waits for the element that opened the switcher to become focusable again, counted from
 * the moment the partner's promise settled: a partner's button disabled while its call ran is enabled in
 * the promise's reaction, a moment later.
 */
export const FOCUS_RETURN_WAIT_IN_MS = 2000;

/** Focus is nowhere: on the body (where it falls when the dialog goes, or when focus() meets a disabled element). */
const isFocusLost = (): boolean => {
  const active = deepActiveElement();
  return !active || active === document.body;
};

/**
 * Gives focus back to `opener` unless something else has it, now or as soon as `opener` can take it:
 * `focus()` on a disabled button does nothing, and a page that disables its button while the call runs
 * enables it only once the promise has settled. Watches the opener's attributes (`disabled`, `hidden`,
 * `inert`) for FOCUS_RETURN_WAIT_IN_MS, and stops at the first success or once focus is elsewhere.
 */
export function returnFocusWhenReady(opener: HTMLElement): void {
  const attempt = (): boolean => {
    if (isFocusLost()) opener.focus();
    return !isFocusLost();
  };
  // Nothing to wait for: focus is back, or the switcher was opened with nothing focused (the body), or
  // the opener has left the page.
  if (attempt() || opener === document.body || !opener.isConnected) return;
  const observer = new MutationObserver(() => attempt() && stop());
  const timer = setTimeout(stop, FOCUS_RETURN_WAIT_IN_MS);
  function stop(): void {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(opener, { attributes: true });
}
