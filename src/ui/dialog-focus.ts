/** The focused element, looked up through open shadow roots (a focused button inside our own switch button, say). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** How many open switchers hold an element inert; kept in the DOM so two copies of the script agree. */
const HOLDS = 'data-scdk-inert';

/**
 * Makes everything on the page but `host` inert: no focus, no clicks, hidden from assistive tech.
 * Returns the undo. Elements the page made inert itself stay so, and an element stays inert until the
 * last switcher holding it closes (two instances may each have one open).
 */
export function makeBackgroundInert(host: Element): () => void {
  const held: HTMLElement[] = [];
  for (const element of document.body.children) {
    const holds = Number(element.getAttribute(HOLDS));
    if (element !== host && element instanceof HTMLElement && (holds || !element.inert)) {
      element.setAttribute(HOLDS, String(holds + 1));
      element.inert = true;
      held.push(element);
    }
  }
  return () =>
    held.forEach((element) => {
      const holds = Number(element.getAttribute(HOLDS)) - 1;
      if (holds > 0) return element.setAttribute(HOLDS, String(holds));
      element.removeAttribute(HOLDS);
      element.inert = false;
    });
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
