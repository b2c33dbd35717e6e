import type { SessionInfo } from '../shared/protocol';
import type { ScdkError } from '../shared/scdk-error';
import type { SwitchButtonOptions, SwitcherResult } from '../sdk/types';
import { onTabReturn } from './on-tab-return';
import type { SwitchButton } from './switch-button';

/** What a mounted button needs from its SDK instance (src/sdk/ui-host/button-controller.ts). */
export interface SwitchButtonHooks extends SwitchButtonOptions {
  /** Whether calls can run now: the token is usable. */
  usable(): boolean;
  /** A session check of the button's own: its failure shows no account and is no partner's `error` event. */
  refresh(): void;
  /** Subscribes to `session` events; returns the unsubscribe. */
  onSession(listener: (session: SessionInfo) => void): () => void;
  /** Subscribes to setToken() (perhaps another user); returns the unsubscribe. A getToken refresh calls none. */
  onToken(listener: () => void): () => void;
  /** The switcher, as the SDK's own caller. */
  openSwitcher(): Promise<SwitcherResult>;
}

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
  const stopSessions = hooks.onSession((next) => {
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
