import type { SwitcherUi } from './account-switcher';
import { LOCALES } from './texts';
import type { UiSettings } from './ui-options';

/** The built-in texts of the locale with the partner's overrides on top. */
export function resolveUi({ locale, texts, nonce }: UiSettings): SwitcherUi {
  return { texts: { ...LOCALES[locale], ...texts }, lang: locale, nonce };
}
