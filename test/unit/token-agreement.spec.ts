// The SDK and the platform must agree on tokens: whatever the SDK lets through to a request, the platform
// must not refuse for a reason the SDK could have seen first (4002 for the claims, 4003 for the time, 4004
// for a guest's).
// The platform here is the kit's verifier (scdk/server, src/server/verify-token.ts) with its default leeway, on
// the same clock as the SDK.
import { expect, test } from '@playwright/test';
import { CLOCK_LEEWAY_IN_SECONDS, assertConnected, decodeToken } from '../../src/sdk/token';
import { ScdkError } from '../../src/shared/scdk-error';
import { signJwt } from '../../demo/shared/jwt.mjs';
import { MIN_LEEWAY_IN_SECONDS, connectedUserOf, verifyToken } from '../../src/server/verify-token';

const verifyJwt = (token: string, secret: string, nowSeconds?: number) => verifyToken(token, [secret], { nowSeconds });

const SECRET = 'token-agreement-test-secret';
/** Token ages checked, in seconds past exp: from not yet expired to well past both leeways. */
const FIRST_AGE_IN_SECONDS = -5;
const LAST_AGE_IN_SECONDS = 3 * 60;

/** The SDK's verdict before any request: undefined when it would send the token, else its code. */
function sdkRefusal(token: string, nowSeconds: number): number | undefined {
  try {
    assertConnected(decodeToken(token), nowSeconds * 1000);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ScdkError);
    return (error as ScdkError).code;
  }
}

test("the SDK's clock leeway never exceeds the platform's", () => {
  expect(CLOCK_LEEWAY_IN_SECONDS).toBeLessThanOrEqual(MIN_LEEWAY_IN_SECONDS);
});

test('a token the SDK sends is never expired for the platform; one the platform finds expired is 4003 in the SDK first', async () => {
  const now = Math.floor(Date.now() / 1000);
  for (let age = FIRST_AGE_IN_SECONDS; age <= LAST_AGE_IN_SECONDS; age++) {
    const token = signJwt({ smallcaseAuthId: 'user-1', iat: now - age - 3600, exp: now - age }, SECRET);
    const platform = await verifyJwt(token, SECRET, now);
    const sdk = sdkRefusal(token, now);
    if (sdk === undefined) expect(platform, `expired ${age} s ago: sent by the SDK`).toMatchObject({ ok: true });
    if (!platform.ok) expect(sdk, `expired ${age} s ago: refused by the platform with ${platform.code}`).toBe(4003);
  }
});

test('the SDK refuses (4002) exactly the claims the platform refuses (4002): exp is required, guest or not', async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, Record<string, unknown>> = {
    'connected with exp': { smallcaseAuthId: 'user-1', exp: now + 3600 },
    'guest with exp': { guest: true, exp: now + 3600 },
    'connected without exp': { smallcaseAuthId: 'user-1' },
    'guest without exp': { guest: true },
    'exp null': { smallcaseAuthId: 'user-1', exp: null },
    'exp a string': { smallcaseAuthId: 'user-1', exp: String(now + 3600) },
  };
  for (const [name, payload] of Object.entries(claims)) {
    const token = signJwt(payload, SECRET);
    const platform = await verifyJwt(token, SECRET, now);
    const platformRefuses = !platform.ok && platform.code === 4002;
    let sdkRefuses = false;
    try {
      decodeToken(token);
    } catch (error) {
      sdkRefuses = error instanceof ScdkError && error.code === 4002;
    }
    expect(sdkRefuses, name).toBe(platformRefuses);
  }
});

test('an exp beyond the dates JavaScript holds is 4003 on both sides, not a RangeError', async () => {
  const now = Math.floor(Date.now() / 1000);
  const token = signJwt({ smallcaseAuthId: 'user-1', exp: -1e300 }, SECRET);
  expect(await verifyJwt(token, SECRET, now)).toMatchObject({ ok: false, code: 4003 });
  expect(sdkRefusal(token, now)).toBe(4003);
});

test("the SDK refuses (4004) exactly the tokens the platform finds a guest's (4004), before any request", async () => {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const claims: Record<string, Record<string, unknown>> = {
    connected: { smallcaseAuthId: 'user-1', exp },
    guest: { guest: true, exp },
    'a user, and guest: true': { smallcaseAuthId: 'user-1', guest: true, exp },
    'a user, and guest: false': { smallcaseAuthId: 'user-1', guest: false, exp },
    'a user, and guest: "true"': { smallcaseAuthId: 'user-1', guest: 'true', exp },
  };
  for (const [name, payload] of Object.entries(claims)) {
    const token = signJwt(payload, SECRET);
    const verified = await verifyJwt(token, SECRET);
    expect(verified.ok, name).toBe(true);
    const platformRefuses = verified.ok && connectedUserOf(verified.payload) === undefined;
    expect(sdkRefusal(token, Math.floor(Date.now() / 1000)) === 4004, name).toBe(platformRefuses);
  }
});
