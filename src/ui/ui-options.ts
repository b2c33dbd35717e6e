import { ScdkError, badOption } from '../shared/scdk-error';
import { LOCALE_NAMES, TEXT_NAMES } from './text-names';
import type { Locale, SwitcherTexts } from './texts';

/** The UI settings of `config`, validated at construction; the UI chunk turns them into texts (src/ui/resolve-ui.ts). */
export interface UiSettings {
  locale: Locale;
  /** The partner's overrides only: the built-in texts stay in the UI chunk. */
  texts: Partial<SwitcherTexts>;
  nonce: string | undefined;
  /** `config.uiUrl`: where the script-tag build loads dist/scdk-ui.js from (default: beside its own script). */
  uiUrl: string | undefined;
}

const isName = (names: readonly string[], key: unknown): boolean => typeof key === 'string' && names.includes(key);

/** The UI settings of `config`: `locale`, `texts` and `nonce`. Throws 4000 when one is malformed. Own keys only. */
export function normalizeUiOptions({ locale = 'en', texts = {}, nonce, uiUrl }: { locale?: unknown; texts?: unknown; nonce?: unknown; uiUrl?: unknown }): UiSettings {
  if (!isName(LOCALE_NAMES, locale)) throw badOption('config.locale', LOCALE_NAMES.join(', '), locale);
  if (typeof texts !== 'object' || texts === null || Object.entries(texts).some(([key, value]) => !isName(TEXT_NAMES, key) || typeof value !== 'string')) {
    throw new ScdkError(4000, `config.texts must map text names (${TEXT_NAMES.join(', ')}) to strings.`);
  }
  if (nonce !== undefined && typeof nonce !== 'string') throw badOption('config.nonce', 'the string of your CSP nonce', nonce);
  if (uiUrl !== undefined && !(typeof uiUrl === 'string' && /^https?:\/\//.test(uiUrl))) {
    throw badOption('config.uiUrl', 'the absolute http(s) URL of scdk-ui.js', uiUrl);
  }
  return { locale: locale as Locale, texts: { ...(texts as Partial<SwitcherTexts>) }, nonce, uiUrl };
}
