import { badOption } from '../shared/scdk-error';

/**
 * The UI settings of `config`. `nonce` and `uiUrl` are checked at construction (the loader needs them);
 * `locale` and `texts` are checked by the UI chunk, which holds the locales and the text names
 * (src/ui/resolve-ui.ts): the script tag carries neither list.
 */
export interface UiSettings {
  locale: unknown;
  /** The partner's overrides only: the built-in texts stay in the UI chunk. */
  texts: unknown;
  nonce: string | undefined;
  /** `config.uiUrl`: where the script-tag build loads dist/scdk-ui.js from (default: beside its own script). */
  uiUrl: string | undefined;
}

/** The UI settings of `config`. Throws 4000 for a malformed `nonce` or `uiUrl`. */
export function normalizeUiOptions({ locale = 'en', texts = {}, nonce, uiUrl }: { locale?: unknown; texts?: unknown; nonce?: unknown; uiUrl?: unknown }): UiSettings {
  if (nonce !== undefined && typeof nonce !== 'string') throw badOption('config.nonce', 'the string of your CSP nonce', nonce);
  if (uiUrl !== undefined && !(typeof uiUrl === 'string' && /^https?:\/\//.test(uiUrl))) {
    throw badOption('config.uiUrl', 'the absolute http(s) URL of scdk-ui.js', uiUrl);
  }
  return { locale, texts, nonce, uiUrl };
}
