import type { ScdkError } from '../../shared/scdk-error';
import type { SwitchButtonHooks } from '../../ui/index';
import type { UiSettings } from '../../ui/ui-options';
import type { Lifetime } from '../lifetime';
import type { SwitchButtonOptions } from '../types';
import type { UiLoader } from './ui-loader';
import { whenIdle } from './when-idle';

/** What mounted buttons need from their instance; the UI chunk runs each button (attach-switch-button.ts). */
export interface ButtonHost extends Omit<SwitchButtonHooks, keyof SwitchButtonOptions | 'onToken'> {
  loader: UiLoader;
  lifetime: Lifetime;
  settings: UiSettings;
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
  mount(element: Element, callbacks: SwitchButtonOptions): () => void {
    const host = this._host;
    const watchers = this._tokenWatchers;
    let unmount: (() => void) | undefined;
    let removed = false;
    const cancelIdle = whenIdle(() =>
      host.loader.load().then(
        (ui) => {
          if (removed) return;
          unmount = ui.attachSwitchButton(
            element,
            {
              ...host,
              ...callbacks,
              onToken: (watcher) => {
                watchers.add(watcher);
                return () => watchers.delete(watcher);
              },
            },
            host.settings,
          );
        },
        (error: ScdkError) => removed || host.reportError(error),
      ),
    );
    const remove = () => {
      removed = true;
      cancelIdle();
      release();
      unmount?.();
    };
    const release = host.lifetime.own(remove);
    return remove;
  }
}
