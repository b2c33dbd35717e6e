import type { UiModule } from '../../shared/ui-module';
import type { UiSettings } from '../../ui/ui-options';
import type { Lifetime } from '../lifetime';
import { loadUi } from './load-ui';
import { whenIdle } from './when-idle';

/** The UI half for one instance: loads within `config.timeoutMs`; destroy() rejects a wait with 5005. */
export class UiLoader {
  constructor(
    private readonly _settings: UiSettings,
    private readonly _timeoutMs: number,
    private readonly _lifetime: Lifetime,
  ) {}

  load(): Promise<UiModule> {
    const { uiUrl, nonce } = this._settings;
    return this._lifetime.guard(loadUi({ uiUrl, nonce, timeoutMs: this._timeoutMs }));
  }

  /** `preload`: fetches the UI when the browser is next idle, so the first switcher opens warm. */
  prefetch(): void {
    this._lifetime.own(whenIdle(() => this.load().catch(() => {})));
  }
}
