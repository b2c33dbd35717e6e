// The token-hygiene fixture (e2e/token-hygiene.ts) runs around every e2e test. These tests prove it can
// fail (it sees a token in a URL, a token logged from a cross-origin frame, and '*' posts made by
// scdk-named code), and run the SDK with debug logging on so its log lines are checked too.
import { expect, test } from './fixtures';
import { mintToken, openPartnerPage, resetFaults, setFaults } from './helpers';
import { PLATFORM } from './origins';


/** A platform page with no framing policy, used here only as a cross-origin frame to log and post from. */
const crossOriginPage = (): string => `${PLATFORM}/api/session`;
/** Code evaluated under this name counts as scdk's own (its stack frames match SDK_SCRIPT_PATTERN). */
const SDK_NAMED_SOURCE = '//# sourceURL=/scdk-hygiene-canary.js';
/** The SDK's default config.timeoutMs. */
const DEFAULT_TIMEOUT_MS = 5000;
/** Long enough for the grace period and the status check (about 1.3 s) to run and log first: over 3x. */
const FAILED_HANDSHAKE_TIMEOUT_MS = 4000;

test.afterEach(async ({ request }) => resetFaults(request));

// Any world: a self-test of the hygiene fixture on planted leaks.
test('self-test: the fixture catches a token in a URL, a token logged in a frame, and SDK posts to "*"', { tag: '@any-world' }, async ({ page, request, tokenHygiene }) => {
  const token = await mintToken(request, 'smallcaseAuthId=hygiene-canary');
  const payload = token.split('.')[1];
  await openPartnerPage(page);
  await page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.onload = resolve;
        document.body.append(frame);
      }),
    crossOriginPage(),
  );
  expect(await tokenHygiene.leaks()).toEqual([]);

  // 1. A URL carrying the whole token.
  await page.evaluate((t) => fetch(`/no-such-path?t=${t}`).catch(() => {}), token);
  // 2. Only the payload segment, logged from the cross-origin frame.
  const frame = page.frames().find((f) => f.url().startsWith(crossOriginPage()));
  await frame!.evaluate((p) => console.log(`claims ${p}`), payload);
  // 3. '*' posts from scdk-named code: to the page's own window, and to a cross-origin frame.
  await page.evaluate(`window.postMessage({ probe: 1 }, '*');\n${SDK_NAMED_SOURCE}`);
  await page.evaluate(`document.querySelector('iframe').contentWindow.postMessage({ probe: 2 }, '*');\n${SDK_NAMED_SOURCE}`);
  // Not counted: a '*' post from test code (an attacker's post is not the SDK's), and '*' with no data.
  await page.evaluate(() => window.postMessage({ attacker: true }, '*'));
  await page.evaluate(`window.postMessage(null, '*');\n${SDK_NAMED_SOURCE}`);

  await expect.poll(async () => (await tokenHygiene.leaks()).length).toBe(4);
  const leaks = await tokenHygiene.leaks();
  expect(leaks.filter((line) => line.includes('request URL') && line.includes('/no-such-path'))).toHaveLength(1);
  expect(leaks.filter((line) => line.includes('console.log claims'))).toHaveLength(1);
  expect(leaks.filter((line) => line.includes("targetOrigin '*'"))).toHaveLength(2);
  expect(leaks.some((line) => line.includes('{attacker}'))).toBe(false);
  tokenHygiene.forgive();
});

test('with config.debug on, success and failure paths log no token', async ({ page, request, tokenHygiene }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const guest = await mintToken(request, 'guest=true');
  const debugLines: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('[scdk')) debugLines.push(message.text());
  });
  await openPartnerPage(page);
  const run = (t: string, timeoutMs = DEFAULT_TIMEOUT_MS) =>
    page.evaluate(([tk, ms]) => harness.outcome(harness.create(tk, { debug: true, timeoutMs: ms }).getSession()), [t, timeoutMs] as const);

  expect((await run(token)).ok).toBe(true);
  expect((await run(guest)).error).toMatchObject({ code: 4004 });
  await setFaults(request, { api: '500' });
  expect((await run(token)).error).toMatchObject({ code: 2000 });
  // A bridge page that 404s on a healthy platform: the handshake's failure path, ended by a short deadline.
  await setFaults(request, { api: 'ok', bridge: '404' });
  expect((await run(token, FAILED_HANDSHAKE_TIMEOUT_MS)).error).toMatchObject({ code: 5001 });

  // The SDK did log (so this test looks at real log lines); the fixture checks them for the token.
  expect(debugLines.length).toBeGreaterThan(3);
  expect(await tokenHygiene.leaks()).toEqual([]);
});
