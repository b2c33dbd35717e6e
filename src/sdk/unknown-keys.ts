import { ScdkError } from '../shared/scdk-error';

/**
 * The key `name` most likely meant, or undefined: one whose last dotted part (`config.timeoutMs`) is `name`
 * without case, or starts with it or begins it (`timeout`, `texts`), for names of four letters or more.
 */
export function nearestKey(name: string, keys: readonly string[]): string | undefined {
  const typed = name.toLowerCase();
  return keys.find((key) => {
    const candidate = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
    return candidate === typed || (typed.length > 3 && (candidate.startsWith(typed) || typed.startsWith(candidate)));
  });
}

/**
 * Throws 4000 for the first own key of `value` that is not in `known`, naming the nearest of `suggestions`
 * or else listing `known`: "config.timeout is not an option; did you mean config.timeoutMs?".
 */
export function refuseUnknownKeys(value: object, known: readonly string[], prefix: string, suggestions: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const nearest = nearestKey(key, suggestions);
    throw new ScdkError(4000, `${prefix}${key} is not an option; ${nearest ? `did you mean ${nearest}?` : `use ${known.join(', ')}.`}`);
  }
}
