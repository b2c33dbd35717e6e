import type { UiSettings } from '../../ui/ui-options';
import type { SwitcherApi } from '../../ui/account-switcher';
import type { Lifetime } from '../lifetime';
import { SharedRun } from '../shared-run';
import type { SwitcherResult } from '../types';
import type { UiLoader } from './ui-loader';

/** What the switcher needs from its instance. */
export interface SwitcherHost {
  loader: UiLoader;
  lifetime: Lifetime;
  settings: UiSettings;
  /** The checks every call needs (alive, a usable token); throws `ScdkError`. */
  check(): void;
  api: SwitcherApi;
}

/** The account-switch modal of one instance: one open at a time, shared by every caller; destroy() closes it. */
export class SwitcherController {
  private readonly _run = new SharedRun<SwitcherResult>();

  constructor(private readonly _host: SwitcherHost) {}

  /** The modal's run: a partner's call (`openAccountSwitcher()`), or the SDK's own (the button). */
  open(forPartner: boolean): Promise<SwitcherResult> {
    try {
      this._host.check();
    } catch (error) {
      // Not an `error` event: the steps inside emit their own, and this must not repeat them.
      return Promise.reject(error);
    }
    const start = () => this._open();
    return forPartner ? this._run.forPartner(start) : this._run.join(start);
  }

  /** Loads the UI, opens the modal, and settles when the user closes it. */
  private async _open(): Promise<SwitcherResult> {
    const { loader, lifetime, settings, api } = this._host;
    const ui = await loader.load();
    this._host.check(); // destroyed, or the token expired, while the UI loaded
    const switcher = ui.openSwitcher(api, settings);
    const release = lifetime.own((error) => switcher.close(error));
    try {
      return await switcher.result;
    } finally {
      release();
    }
  }
}
