import { ScdkError } from '../shared/scdk-error';

/** Levenshtein distance: the fewest one-letter insertions, deletions and substitutions from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The key `name` most likely meant, or undefined: the closest by edit distance, without case and on the
 * last dotted part (`timeout` finds `config.timeoutMs`), if the edits change under a third of that key.
 */
export function nearestKey(name: string, keys: readonly string[]): string | undefined {
  let nearest: string | undefined;
  let nearestDistance = Infinity;
  for (const key of keys) {
    const candidate = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
    const distance = editDistance(name.toLowerCase(), candidate);
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
