const MASK_CHAR = '•';
const VISIBLE_AT_EACH_END = 2;

/**
 * Masks an account id for a partner user who does not own the session: `AB1234` -> `AB••34`.
 * Ids too short to keep both ends are masked entirely.
 */
export function maskAccountId(accountId: string): string {
  const chars = [...accountId];
  if (chars.length <= VISIBLE_AT_EACH_END * 2) return MASK_CHAR.repeat(chars.length);
  const middle = chars.length - VISIBLE_AT_EACH_END * 2;
  return chars.slice(0, VISIBLE_AT_EACH_END).join('') + MASK_CHAR.repeat(middle) + chars.slice(-VISIBLE_AT_EACH_END).join('');
}
