import { badOption } from '../shared/scdk-error';

/** The broker platform most gateways connect to. */
export const DEFAULT_PLATFORM_ORIGIN = 'https://smallcase.zerodha.com';

/** Gateways whose platform is not the default: `demo` is the mock platform that `npm start` serves. */
export const GATEWAY_PLATFORM_ORIGINS: Readonly<Record<string, string>> = {
  demo: 'http://127.0.0.1:5174',
};

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The platform origin for a gateway, from `config.platformUrl` when given (https, or http on loopback only). */
export function resolvePlatformOrigin(gateway: string, platformUrl: unknown): string {
  if (platformUrl === undefined) {
    // Own keys only: `constructor` is a valid gateway name. The table itself has no hasOwnProperty key.
    return GATEWAY_PLATFORM_ORIGINS.hasOwnProperty(gateway) ? GATEWAY_PLATFORM_ORIGINS[gateway] : DEFAULT_PLATFORM_ORIGIN;
  }
  let url: URL | undefined;
  try {
    if (typeof platformUrl === 'string') url = new URL(platformUrl);
  } catch {
    // Not a URL: refused below.
  }
  if (url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))) return url.origin;
  throw badOption('config.platformUrl', 'an https URL (http on localhost only)', platformUrl);
}
