import type { ScdkError } from '../../shared/scdk-error';
import type { UiModule } from '../../shared/ui-module';
import type { UiHooks } from '../../ui/account-switcher';
import type { UiSettings } from '../../ui/ui-options';
import type { Lifetime } from '../lifetime';
import { SharedRun } from '../shared-run';
import type { SwitchButtonOptions, SwitcherResult } from '../types';
import { loadUi } from './load-ui';
import { whenIdle } from './when-idle';

/** What the UI of one instance is made from. */
export interface UiHostParts {
  /** The instance's side of the hooks; the host adds `openSwitcher` and `onToken`. */
  hooks: Omit<UiHooks, 'openSwitcher' | 'onToken'>;
  settings: UiSettings;
  timeoutMs: number;
  lifetime: Lifetime;
  /** The checks every call needs (alive, a usable token); throws `ScdkError`. */
  check(): void;
  /** What stops a mounted button (5007 no UI, 4000 bad texts): the partner's `error` event. */
  reportError(error: ScdkError): void;
}

export interface UiHost {
  /** The UI chunk, within `config.timeoutMs`; destroy() rejects a wait with 5005. */
  load(): Promise<UiModule>;
  /** The modal: one open at a time, shared by every caller (`forPartner`: openAccountSwitcher(), else a button). */
  open(forPartner: boolean): Promise<SwitcherResult>;
  /** Mounts a button in `element` once the UI has loaded (the browser's next idle moment); returns its removal. */
  mount(element: Element, callbacks: SwitchButtonOptions): () => void;
  /** setToken(): every button forgets the account it showed and checks again. */
  tokenChanged(): void;
  /** `preload`: fetches the UI when the browser is next idle, so the first switcher opens warm. */
  prefetch(): void;
}

/**
 * The UI of one instance: the switcher and the mounted buttons, run by the UI chunk with one hooks object;
 * destroy() closes the one and removes the others.
 */
export function createUiHost({ hooks, settings, timeoutMs, lifetime, check, reportError }: UiHostParts): UiHost {
  const run = new SharedRun<SwitcherResult>();
  const tokenWatchers = new Set<() => void>();
  const load = () => lifetime.guard(loadUi({ uiUrl: settings.uiUrl, nonce: settings.nonce, timeoutMs }));
  const all: UiHooks = {
    ...hooks,
    openSwitcher: () => open(false),
    onToken: (watcher) => {
      tokenWatchers.add(watcher);
      return () => tokenWatchers.delete(watcher);
    },
  };
  /** Loads the UI, opens the modal, and settles when the user closes it. */
  const openOnce = async (): Promise<SwitcherResult> => {
    const ui = await load();
    check(); // destroyed, or the token expired, while the UI loaded
    const switcher = ui.openSwitcher(all, settings);
    const release = lifetime.own((error) => switcher.close(error));
    try {
      return await switcher.result;
    } finally {
      release();
    }
  };
  function open(forPartner: boolean): Promise<SwitcherResult> {
    try {
      check();
    } catch (error) {
      // Not an `error` event: the steps inside emit their own, and this must not repeat them.
      return Promise.reject(error);
    }
    return forPartner ? run.forPartner(openOnce) : run.join(openOnce);
  }
  return {
    load,
    open,
    mount(element, callbacks) {
      let unmount: (() => void) | undefined;
      let removed = false;
      const cancelIdle = whenIdle(() =>
        load()
          .then((ui) => removed || (unmount = ui.attachSwitchButton(element, { ...all, ...callbacks }, settings)))
          // The UI could not load (5007), or config.locale or config.texts is malformed (4000).
          .catch((error: ScdkError) => removed || reportError(error)),
      );
      const remove = () => {
        removed = true;
        cancelIdle();
        release();
        unmount?.();
      };
      const release = lifetime.own(remove);
      return remove;
    },
    tokenChanged: () => tokenWatchers.forEach((repaint) => repaint()),
    prefetch: () => lifetime.own(whenIdle(() => load().catch(() => {}))),
  };
}
