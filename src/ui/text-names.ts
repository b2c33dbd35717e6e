import type { Locale, SwitcherTexts } from './texts';

/**
 * The names of the UI's texts and its locales, without the texts themselves: the SDK validates
 * `config.texts` and `config.locale` at construction with these, and the strings stay in the UI chunk.
 * The compiler checks below keep both lists equal to src/ui/texts.ts (type-only: no bytes at runtime).
 */
export const TEXT_NAMES = [
  'title', 'checking', 'connected', 'none', 'unknown', 'switch', 'logout', 'cancel', 'close', 'loggingOut',
  'waiting', 'switched', 'loggedOut', 'done', 'error', 'blocked', 'noCookies', 'retry',
] as const satisfies readonly (keyof SwitcherTexts)[];

export const LOCALE_NAMES = ['en', 'hi'] as const satisfies readonly Locale[];

/** `true` only when the list names every member of the union; otherwise the assignments below fail to compile. */
type Complete<Names extends readonly string[], All extends string> = [Exclude<All, Names[number]>] extends [never] ? true : false;
const everyTextNamed: Complete<typeof TEXT_NAMES, keyof SwitcherTexts> = true;
const everyLocaleNamed: Complete<typeof LOCALE_NAMES, Locale> = true;
void everyTextNamed;
void everyLocaleNamed;
