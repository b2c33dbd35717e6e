// The mock platform alone, for a partner who wants to try their own page against it:
//   PARTNER_ORIGINS=https://my-app.test,http://localhost:3000 npm run platform
// It trusts exactly those origins for gateway demo (frame-ancestors, the runtime's allowlist, the redirect's
// Origin and returnTo under each origin's /), on http://127.0.0.1:PLATFORM_PORT (default 5174).
import { DEMO_GATEWAY, DEMO_GATEWAY_SECRET } from '../shared/gateways.mjs';
import { DEFAULT_PLATFORM_PORT, PLATFORM_HOST, portFromEnv, sessionSameSiteFromEnv } from '../shared/env-settings.mjs';
import { createPlatformServer } from './platform-server.mjs';

const raw = process.env.PARTNER_ORIGINS ?? '';
const partnerOrigins = raw.split(',').map((origin) => origin.trim()).filter(Boolean);
if (partnerOrigins.length === 0) {
  console.error('Set PARTNER_ORIGINS to the origins of your pages, comma-separated: PARTNER_ORIGINS=http://localhost:3000 npm run platform');
  process.exit(1);
}
let platform;
try {
  platform = await createPlatformServer({
    port: portFromEnv('PLATFORM_PORT', DEFAULT_PLATFORM_PORT),
    host: PLATFORM_HOST,
    partnerOrigins,
    sessionSameSite: sessionSameSiteFromEnv(),
  });
} catch (error) {
  // The kit names a malformed origin ("must be an exact http(s) origin ..."); a taken port says EADDRINUSE.
  console.error(`Could not start the mock platform: ${error && error.message}`);
  process.exit(1);
}
console.log(`Mock platform: ${platform.origin}/ (gateway "${DEMO_GATEWAY}", trusting ${partnerOrigins.join(', ')})`);
console.log(`Sign tokens with the demo-only secret ${JSON.stringify(DEMO_GATEWAY_SECRET)}, and log in at ${platform.origin}/login?gateway=${DEMO_GATEWAY}.`);
const shutDown = async () => {
  await platform.close();
  process.exit(0);
};
process.once('SIGINT', shutDown);
process.once('SIGTERM', shutDown);
