import { ScdkError } from '../shared/scdk-error';

/**
 * How far apart `a` and `b` are as bags of letters: the letters of each that the other lacks. Order is
 * ignored, so a swap costs nothing; a typo (one letter for another) costs 2, a missing unit its letters.
 * Cheaper to carry than an edit distance, and as good at the slips people make in option names.
 */
function letterDistance(a: string, b: string): number {
  const rest = [...b];
  let extra = 0;
  for (const letter of a) {
    const at = rest.indexOf(letter);
    if (at < 0) extra++;
    else rest.splice(at, 1);
  }
  return extra + rest.length;
}

/**
 * The key `name` most likely meant, or undefined: the closest by letterDistance, without case and on the
 * last dotted part (`timeout` finds `config.timeoutMs`), if the edits change under a third of that key.
 */
export function nearestKey(name: string, keys: readonly string[]): string | undefined {
  let nearest: string | undefined;
  let nearestDistance = Infinity;
  for (const key of keys) {
    const candidate = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
    const distance = letterDistance(name.toLowerCase(), candidate);
    if (distance * 3 < candidate.length && distance < nearestDistance) {
      nearest = key;
      nearestDistance = distance;
    }
  }
  return nearest;
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
