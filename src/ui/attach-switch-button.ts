import type { SessionInfo } from '../shared/protocol';
import type { ScdkError } from '../shared/scdk-error';
import type { SwitchButtonOptions } from '../sdk/types';
import type { UiHooks } from './account-switcher';
import { onTabReturn } from './on-tab-return';
import type { SwitchButton } from './switch-button';

/** What a mounted button needs: the instance's hooks and the partner's callbacks for this button. */
export type SwitchButtonHooks = UiHooks & SwitchButtonOptions;

/**
 * Runs one switch button made by `mount`: paints it from the token and the `session` events, checks the
 * session when shown and when the user comes back to the tab. Returns its removal. Lives in the UI chunk:
 * none of it matters before the button exists.
 */
export function attachSwitchButton(hooks: SwitchButtonHooks, mount: (open: () => void) => SwitchButton): () => void {
  const { usable, refresh, onResult, onError } = hooks;
  let session: SessionInfo | undefined;
  const button = mount(() =>
    hooks.openSwitcher().then(onResult, (error: ScdkError) => {
      paint(); // an expired token hides it
      onError?.(error);
    }),
  );
  const paint = () => button.paint(usable(), session);
  const refreshIfUsable = () => usable() && refresh();
  const stopSessions = hooks.on('session', (next) => {
    session = next;
    paint();
  });
  const stopTokens = hooks.onToken(() => {
    session = undefined; // perhaps another user's token
    paint();
    refreshIfUsable();
  });
  // The user may have logged in or out on the platform in another tab: check again on their return.
  const stopTabReturn = onTabReturn(refreshIfUsable);
  paint();
  refreshIfUsable();
  return () => {
    stopTabReturn();
    stopSessions();
    stopTokens();
    button.remove();
  };
}
