import { hasOwn } from '../shared/has-own';
import { ScdkError, badOption, shown } from '../shared/scdk-error';
// The one gateway table. The build merges an operator's additions into it (SCDK_GATEWAY_PLATFORMS, see
// scripts/gateway-platforms.mjs); tests that import the sources see this file as it is.
import GATEWAY_TABLE from './gateway-platforms.json' with { type: 'json' };

/**
 * The platform origin of each gateway the build knows. There is no default platform: a gateway that is
 * not here needs `config.platformUrl`.
 */
export const GATEWAY_PLATFORM_ORIGINS: Readonly<Record<string, string>> = GATEWAY_TABLE;

/** Where plain http is allowed: this machine's loopback names (URL.hostname keeps IPv6's brackets). */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The platform origin for a gateway, from `config.platformUrl` when given (https, or http on loopback only). */
export function resolvePlatformOrigin(gateway: string, platformUrl: unknown): string {
  if (platformUrl === undefined) {
    if (hasOwn(GATEWAY_PLATFORM_ORIGINS, gateway)) return GATEWAY_PLATFORM_ORIGINS[gateway];
    throw new ScdkError(4001, `gateway ${shown(gateway)} has no known platform: pass config.platformUrl.`);
  }
  let url: URL | undefined;
  try {
    if (typeof platformUrl === 'string') url = new URL(platformUrl);
  } catch {
    // Not a URL: refused below.
  }
  if (url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))) return url.origin;
  throw badOption('config.platformUrl', 'an https URL (http on loopback only: localhost, 127.0.0.1, [::1])', platformUrl);
}
