/**
 * How long the tab must stay visible before the check runs: a user flicking through tabs (or a page
 * hidden and shown again at once) makes one check, not one per flick.
 */
export const TAB_RETURN_DEBOUNCE_IN_MS = 300;

/**
 * Calls `check` when the user comes back to this tab (`visibilitychange` to visible) and it stays visible
 * for TAB_RETURN_DEBOUNCE_IN_MS; never while it is hidden: going hidden cancels a check not yet run.
 * Returns the removal of its listener and timer. E.g. a switch button repaints after the user logged in
 * on the platform in another tab.
 */
export function onTabReturn(check: () => unknown): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => clearTimeout(timer);
  const onChange = () => {
    cancel();
    if (document.visibilityState === 'visible') timer = setTimeout(check, TAB_RETURN_DEBOUNCE_IN_MS);
  };
  document.addEventListener('visibilitychange', onChange);
  return () => {
    document.removeEventListener('visibilitychange', onChange);
    cancel();
  };
}
