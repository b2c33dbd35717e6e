/**
 * The names of the UI's texts and its locales, without the texts themselves: the SDK validates
 * `config.texts` and `config.locale` at construction with these, and the strings stay in the UI chunk.
 * test/unit/text-names.spec.ts checks they match src/ui/texts.ts.
 */
export const TEXT_NAMES = [
  'title', 'checking', 'connected', 'none', 'unknown', 'switch', 'logout', 'cancel', 'close', 'loggingOut',
  'waiting', 'switched', 'loggedOut', 'done', 'error', 'blocked', 'noCookies', 'retry',
] as const;

export const LOCALE_NAMES = ['en', 'hi'] as const;
