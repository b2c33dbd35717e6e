import { h, render } from 'preact';
import type { SessionInfo } from '../shared/protocol';
import { createShadowHost } from './shadow-host';
import { BUTTON_CSS } from './styles';
import type { SwitcherUi } from './account-switcher';

export const BUTTON_TAG = 'scdk-switch-button';

/** A mounted button: the SDK repaints it, and removes it. */
export interface SwitchButton {
  /** Shows the button (with the account, once a session is known), or hides it while calls cannot run. */
  paint(shown: boolean, session?: SessionInfo): void;
  remove(): void;
}

/**
 * Puts an account-switch button into `target`, hidden until the first paint: it shows the connected
 * account when known and calls `open` when clicked. No custom element is registered, so two copies of
 * the script cannot collide over a name.
 */
export function mountSwitchButton(target: Element, open: () => void, { texts, lang, nonce }: SwitcherUi): SwitchButton {
  const { host, mount } = createShadowHost(BUTTON_TAG, BUTTON_CSS, nonce);
  host.hidden = true;
  target.append(host);
  return {
    paint(shown, session) {
      host.hidden = !shown;
      render(
        h(
          'button',
          { type: 'button', part: 'button', class: 'p', lang, onClick: open },
          session?.state === 'connected' && [h('span', { class: 'a' }, session.accountId), ' '],
          texts.switch,
        ),
        mount,
      );
    },
    remove() {
      render(null, mount);
      host.remove();
    },
  };
}
