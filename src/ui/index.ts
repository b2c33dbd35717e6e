// The UI half of scdk: Preact, the account switcher and the switch button. The SDK reaches it only through
// its loader (src/sdk/load-ui.ts): a dynamic import() for bundlers, dist/scdk-ui.js for the script tag.
import { openSwitcher as openWithTexts, type OpenSwitcher, type UiHooks } from './account-switcher';
import { attachSwitchButton as attachWith, type SwitchButtonHooks } from './attach-switch-button';
import { resolveUi, type BadOption } from './resolve-ui';
import { mountSwitchButton as mountWithTexts, type SwitchButton } from './switch-button';
import type { UiSettings } from './ui-options';

export type { OpenSwitcher, UiHooks } from './account-switcher';
export type { SwitchButton } from './switch-button';
export type { SwitchButtonHooks } from './attach-switch-button';

export const openSwitcher = (api: UiHooks, settings: UiSettings): OpenSwitcher => openWithTexts(api, resolveUi(settings, api.badOption));

export const mountSwitchButton = (target: Element, open: () => void, settings: UiSettings, badOption: BadOption): SwitchButton =>
  mountWithTexts(target, open, resolveUi(settings, badOption));

export { askNativeHost } from './ask-native-host';

/** A switch button in `target`, run by the chunk (attach-switch-button.ts); returns its removal. */
export const attachSwitchButton = (target: Element, hooks: SwitchButtonHooks, settings: UiSettings): (() => void) =>
  attachWith(hooks, (open) => mountSwitchButton(target, open, settings, hooks.badOption));
