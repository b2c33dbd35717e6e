import Cookies from 'js-cookie';
import { CROSS_SITE_COOKIE } from './cookie-attributes';

/** The platform's script-visible session cookies; the HttpOnly one is cleared by the platform's server. */
export const DEFAULT_CLIENT_COOKIES: readonly string[] = ['scdk_account'];

export function clearClientCookies(names: readonly string[]): void {
  for (const name of names) Cookies.remove(name, CROSS_SITE_COOKIE);
}
