// The broker accounts a user can log in as on the mock platform.

/** Account ids offered on the login page. */
export const DEMO_ACCOUNTS = Object.freeze(['AB1234', 'YZ5678']);

const MASK_CHAR = '•';
const VISIBLE_AT_EACH_END = 2;

/**
 * Is `value` one of the demo accounts?
 * @param {unknown} value
 * @returns {value is string}
 */
export function isDemoAccount(value) {
  return typeof value === 'string' && DEMO_ACCOUNTS.includes(value);
}

/**
 * Masks an account id for someone who does not own it: `AB1234` -> `AB••34`.
 * Ids too short to keep both ends are masked entirely.
 * @param {string} accountId
 * @returns {string}
 */
export function maskAccountId(accountId) {
  const chars = [...accountId];
  if (chars.length <= VISIBLE_AT_EACH_END * 2) return MASK_CHAR.repeat(chars.length);
  const middle = chars.length - VISIBLE_AT_EACH_END * 2;
  return chars.slice(0, VISIBLE_AT_EACH_END).join('') + MASK_CHAR.repeat(middle) + chars.slice(-VISIBLE_AT_EACH_END).join('');
}
