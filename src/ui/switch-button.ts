import { h, render } from 'preact';
import type { SessionInfo } from '../shared/protocol';
import { createShadowHost } from './shadow-host';
import { BUTTON_CSS } from './styles';
import type { SwitcherUi } from './account-switcher';

export const BUTTON_TAG = 'scdk-switch-button';

/** What the button needs from its `scDK` instance. */
export interface SwitchButtonApi {
  /** Calls `listener` with every session answer; returns the unsubscribe. */
  onSession(listener: (session: SessionInfo) => void): () => void;
  /** Asks for the session once, so the button can show the account. */
  refresh(): unknown;
  open(): unknown;
}

/**
 * Puts an account-switch button into `target`: it shows the connected account when known and opens
 * the switcher. Returns the removal. No custom element is registered, so two copies of the script
 * cannot collide over a name.
 */
export function mountSwitchButton(target: Element, api: SwitchButtonApi, { texts, lang, nonce }: SwitcherUi): () => void {
  const { host, mount } = createShadowHost(BUTTON_TAG, BUTTON_CSS, nonce);
  const paint = (session?: SessionInfo) =>
    render(
      h(
        'button',
        { type: 'button', part: 'button', class: 'p', lang, onClick: () => api.open() },
        session?.state === 'connected' && [h('span', { class: 'a' }, session.accountId), ' '],
        texts.switch,
      ),
      mount,
    );
  paint();
  target.append(host);
  const unsubscribe = api.onSession(paint);
  api.refresh();
  return () => {
    unsubscribe();
    render(null, mount);
    host.remove();
  };
}
