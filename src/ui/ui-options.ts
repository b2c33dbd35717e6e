import { hasOwn } from '../shared/has-own';
import { ScdkError } from '../shared/scdk-error';
import { LOCALES, type Locale, type SwitcherTexts } from './texts';
import type { SwitcherUi } from './account-switcher';

/** The UI settings of `config`: `locale`, `texts` and `nonce`. Throws 4000 when one is malformed. */
export function normalizeUiOptions({ locale = 'en', texts = {}, nonce }: { locale?: unknown; texts?: unknown; nonce?: unknown }): SwitcherUi {
  const base = LOCALES[locale as Locale];
  if (!base || !hasOwn(LOCALES, locale as string)) {
    throw new ScdkError(4000, `config.locale must be one of ${Object.keys(LOCALES).join(', ')}, got ${JSON.stringify(locale)}.`);
  }
  if (typeof texts !== 'object' || texts === null || Object.entries(texts).some(([key, value]) => !hasOwn(base, key) || typeof value !== 'string')) {
    throw new ScdkError(4000, `config.texts must map text names (${Object.keys(base).join(', ')}) to strings.`);
  }
  if (nonce !== undefined && typeof nonce !== 'string') throw new ScdkError(4000, 'config.nonce must be the string of your CSP style nonce.');
  return { texts: { ...base, ...(texts as Partial<SwitcherTexts>) }, lang: locale as Locale, nonce };
}
