// The broker accounts a user can log in as on the mock platform (the kit masks them for other partner users).

/** Account ids offered on the login page. */
export const DEMO_ACCOUNTS = Object.freeze(['AB1234', 'YZ5678']);

/**
 * Is `value` one of the demo accounts?
 * @param {unknown} value
 * @returns {value is string}
 */
export function isDemoAccount(value) {
  return typeof value === 'string' && DEMO_ACCOUNTS.includes(value);
}
