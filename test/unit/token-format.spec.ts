// README "Token format": the signing example partners copy runs here exactly as the README shows it (cut
// out between its markers), and its tokens pass the platform kit's verifier (scdk/server)
// and the SDK's own checks, with the claims, lifetime and leeway the section states.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MIN_LEEWAY_IN_SECONDS as EXP_LEEWAY_IN_SECONDS, verifyToken } from '../../src/server/verify-token';
import { CLOCK_LEEWAY_IN_SECONDS, assertConnected, decodeToken } from '../../src/sdk/token';
import { ScdkError } from '../../src/shared/scdk-error';

const README = new URL('../../README.md', import.meta.url);
const EXAMPLE = /<!-- token-example:start -->\n```js\n([\s\S]*?)```\n<!-- token-example:end -->/;
const SECRET = 'token-format-test-secret';
/** What the README states: a 15-minute token, 30 s of leeway on both sides. */
const DOCUMENTED_LIFETIME_IN_SECONDS = 15 * 60;
const DOCUMENTED_LEEWAY_IN_SECONDS = 30;

type SignScdkToken = (subject: Record<string, unknown>, secret: string, nowInSeconds?: number) => string;

/** The README's example, written to a file of its own and imported as partners would run it. */
async function readmeExample(outputPath: string): Promise<SignScdkToken> {
  const code = EXAMPLE.exec(readFileSync(README, 'utf8'))?.[1];
  expect(code, 'README has the token example between its markers').toBeTruthy();
  writeFileSync(outputPath, code as string);
  return (await import(pathToFileURL(outputPath).href)).signScdkToken;
}

/** The SDK's verdict before any request: undefined when it would send the token, else its code. */
function sdkRefusal(token: string, nowInSeconds: number): number | undefined {
  try {
    assertConnected(decodeToken(token), nowInSeconds * 1000);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ScdkError);
    return (error as ScdkError).code;
  }
}

const verifyJwt = (token: string, secret: string, nowSeconds: number) => verifyToken(token, [secret], { nowSeconds });

const decodedPart = (token: string, index: number): unknown => JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));

test('the README example signs a connected token that the platform verifies and the SDK sends', async ({}, testInfo) => {
  const signScdkToken = await readmeExample(testInfo.outputPath('sign-token.mjs'));
  const now = Math.floor(Date.now() / 1000);
  const token = signScdkToken({ smallcaseAuthId: 'user-1' }, SECRET, now);
  expect(decodedPart(token, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
  expect(decodedPart(token, 1)).toEqual({ smallcaseAuthId: 'user-1', iat: now, exp: now + DOCUMENTED_LIFETIME_IN_SECONDS });
  expect(await verifyJwt(token, SECRET, now)).toEqual({ ok: true, payload: decodedPart(token, 1) });
  expect(sdkRefusal(token, now)).toBeUndefined();
  // Signed with another gateway's secret: the platform refuses the signature.
  expect(await verifyJwt(signScdkToken({ smallcaseAuthId: 'user-1' }, 'another-secret', now), SECRET, now)).toMatchObject({ ok: false, code: 4002 });
});

test("the README example's guest token verifies, and the SDK refuses it with 4004 before any request", async ({}, testInfo) => {
  const signScdkToken = await readmeExample(testInfo.outputPath('sign-token.mjs'));
  const now = Math.floor(Date.now() / 1000);
  const token = signScdkToken({ guest: true }, SECRET, now);
  expect(await verifyJwt(token, SECRET, now)).toMatchObject({ ok: true, payload: { guest: true } });
  expect(sdkRefusal(token, now)).toBe(4004);
});

test('the lifetime and leeway the README states: usable until exp + 30 s on both sides, then 4003 from the SDK first', async ({}, testInfo) => {
  const signScdkToken = await readmeExample(testInfo.outputPath('sign-token.mjs'));
  expect(CLOCK_LEEWAY_IN_SECONDS).toBe(DOCUMENTED_LEEWAY_IN_SECONDS);
  expect(EXP_LEEWAY_IN_SECONDS).toBeGreaterThanOrEqual(DOCUMENTED_LEEWAY_IN_SECONDS);
  const signedAt = Math.floor(Date.now() / 1000);
  const token = signScdkToken({ smallcaseAuthId: 'user-1' }, SECRET, signedAt);
  const lastGoodSecond = signedAt + DOCUMENTED_LIFETIME_IN_SECONDS + DOCUMENTED_LEEWAY_IN_SECONDS;
  expect(sdkRefusal(token, lastGoodSecond)).toBeUndefined();
  expect(await verifyJwt(token, SECRET, lastGoodSecond)).toMatchObject({ ok: true });
  expect(sdkRefusal(token, lastGoodSecond + 1)).toBe(4003);
});
