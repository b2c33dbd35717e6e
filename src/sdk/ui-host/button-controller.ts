import type { SessionInfo } from '../../shared/protocol';
import type { ScdkError } from '../../shared/scdk-error';
import type { UiSettings } from '../../ui/ui-options';
import type { Lifetime } from '../lifetime';
import type { SwitchButtonOptions, SwitcherResult } from '../types';
import { onTabReturn } from './on-tab-return';
import type { UiLoader } from './ui-loader';
import { whenIdle } from './when-idle';

/** What mounted buttons need from their instance. */
export interface ButtonHost {
  loader: UiLoader;
  lifetime: Lifetime;
  settings: UiSettings;
  /** Whether calls can run now: the token is usable. */
  usable(): boolean;
  /** A session check of the button's own: its failure shows no account and is no partner's `error` event. */
  refresh(): void;
  /** Subscribes to `session` events; returns the unsubscribe. */
  onSession(listener: (session: SessionInfo) => void): () => void;
  /** The switcher, as the SDK's own caller. */
  openSwitcher(): Promise<SwitcherResult>;
  /** A UI that could not load: the partner's `error` event (5007). */
  reportError(error: ScdkError): void;
}

/** The switch buttons one instance mounted. */
export class SwitchButtons {
  /** Repaints of mounted buttons, run by setToken() (perhaps another user). A getToken refresh needs none. */
  private readonly _tokenWatchers = new Set<() => void>();

  constructor(private readonly _host: ButtonHost) {}

  /** setToken(): every button forgets the account it showed and checks again. */
  tokenChanged(): void {
    this._tokenWatchers.forEach((repaint) => repaint());
  }

  /** Mounts a button in `element` once the UI has loaded (the browser's next idle moment); returns its removal. */
  mount(element: Element, { onResult, onError }: SwitchButtonOptions): () => void {
    const { loader, lifetime, settings, usable, refresh } = this._host;
    let unmount: (() => void) | undefined;
    let removed = false;
    const cancelIdle = whenIdle(() =>
      loader.load().then(
        (ui) => {
          if (removed) return;
          let session: SessionInfo | undefined;
          const button = ui.mountSwitchButton(
            element,
            () =>
              this._host.openSwitcher().then(onResult, (error: ScdkError) => {
                paint(); // an expired token hides it
                onError?.(error);
              }),
            settings,
          );
          const paint = () => button.paint(usable(), session);
          const refreshIfUsable = () => usable() && refresh();
          const stopSessions = this._host.onSession((next) => {
            session = next;
            paint();
          });
          const onToken = () => {
            session = undefined; // perhaps another user's token
            paint();
            refreshIfUsable();
          };
          this._tokenWatchers.add(onToken);
          // The user may have logged in or out on the platform in another tab: check again on their return.
          const stopTabReturn = onTabReturn(refreshIfUsable);
          paint();
          refreshIfUsable();
          unmount = () => {
            stopTabReturn();
            stopSessions();
            this._tokenWatchers.delete(onToken);
            button.remove();
          };
        },
        (error: ScdkError) => removed || this._host.reportError(error),
      ),
    );
    const remove = () => {
      removed = true;
      cancelIdle();
      release();
      unmount?.();
    };
    const release = lifetime.own(remove);
    return remove;
  }
}
