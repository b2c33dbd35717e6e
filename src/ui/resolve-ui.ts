import type { SwitcherUi } from './account-switcher';
import { LOCALES, type Locale, type SwitcherTexts } from './texts';
import type { UiSettings } from './ui-options';

/** The SDK's 4000 maker (the chunk has no error class of its own: an SDK error must be the SDK's). */
export type BadOption = (name: string, expected: string, got: unknown) => Error;

const isOwn = (object: object, key: unknown): boolean => typeof key === 'string' && Object.prototype.hasOwnProperty.call(object, key);

/**
 * The built-in texts of the locale with the partner's overrides on top. Checks `config.locale` (a locale
 * of LOCALES) and `config.texts` (own keys that name texts, string values) and throws the SDK's 4000
 * otherwise: the modal's opening rejects with it, a button reports it as an `error` event.
 */
export function resolveUi({ locale, texts, nonce }: UiSettings, badOption: BadOption): SwitcherUi {
  const names = Object.keys(LOCALES.en);
  if (!isOwn(LOCALES, locale)) throw badOption('config.locale', Object.keys(LOCALES).join(', '), locale);
  if (typeof texts !== 'object' || texts === null || Object.entries(texts).some(([name, value]) => !isOwn(LOCALES.en, name) || typeof value !== 'string')) {
    throw badOption('config.texts', `strings by text name (${names.join(', ')})`, texts);
  }
  return { texts: { ...LOCALES[locale as Locale], ...(texts as Partial<SwitcherTexts>) }, lang: locale as Locale, nonce };
}
