/** The focused element, looked up through open shadow roots (a focused button inside our own switch button, say). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Makes everything on the page but `host` inert: no focus, no clicks, hidden from assistive tech.
 * Returns the undo, which leaves elements the page had made inert itself as they were.
 */
export function makeBackgroundInert(host: Element): () => void {
  const changed: HTMLElement[] = [];
  for (const element of document.body.children) {
    if (element !== host && element instanceof HTMLElement && !element.inert) {
      element.inert = true;
      changed.push(element);
    }
  }
  return () => changed.forEach((element) => (element.inert = false));
}

/**
 * Keeps Tab inside the dialog: from the last button to the first, and Shift+Tab from the first (or
 * from the dialog itself) to the last. Returns whether it moved focus.
 */
export function wrapTab(event: KeyboardEvent, root: ShadowRoot): boolean {
  const buttons = [...root.querySelectorAll('button')];
  const first = buttons[0];
  const last = buttons[buttons.length - 1];
  const active = root.activeElement;
  const outside = !buttons.includes(active as HTMLButtonElement);
  const target = event.shiftKey ? (outside || active === first ? last : null) : outside || active === last ? first : null;
  if (!target) return false;
  event.preventDefault();
  target.focus();
  return true;
}
