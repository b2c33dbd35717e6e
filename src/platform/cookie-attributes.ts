/**
 * A cross-site iframe can only delete a cookie with the attributes it was set with; `Cookies.remove(name)`
 * alone leaves a `SameSite=None; Secure` cookie in place.
 */
export const CROSS_SITE_COOKIE = { path: '/', sameSite: 'None', secure: true } as const;
