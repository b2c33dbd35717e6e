// Entry of dist/scdk.umd.js: the global `scDK` is the constructor itself. Loading defines it and nothing else.
import { ScDK } from './client';

/**
 * Pages load the script twice more often than one would think (a tag manager plus a hard-coded tag, two
 * widgets). If the global already is scDK of this same version, the second copy hands back that one, so
 * the page keeps one constructor, one `ScdkError` class for `instanceof`, and the instances it already
 * made. A different version replaces the global, as any later script would; instances made from the
 * earlier one keep working on their own code.
 */
function loadedEarlier(): typeof ScDK | null {
  if (typeof window === 'undefined') return null;
  const existing: unknown = (window as { scDK?: unknown }).scDK;
  return typeof existing === 'function' && (existing as { version?: unknown }).version === ScDK.version ? (existing as typeof ScDK) : null;
}

export default loadedEarlier() ?? ScDK;
