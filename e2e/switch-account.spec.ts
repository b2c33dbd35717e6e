import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loginOnPlatform, platformSession, recordPlatformRequests, startSwitch, waitForResult } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// switchAccount(): the transport under the account switcher. Driven by real clicks; results are read
// from the console so nothing polls the page (which would count as a click) before the call.

test('switch AB1234 -> YZ5678: the old session ends, the user picks the other account, the page learns it', async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  const requests = recordPlatformRequests(context);
  const platformWindow = await startSwitch(page);
  const result = waitForResult(page);
  await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
  // The old session is already gone while the user chooses.
  expect((await platformSession(context)).loggedIn).toBe(false);
  await platformWindow.getByRole('button', { name: /YZ5678/ }).click();
  expect(await result).toBe('switched {"accountId":"YZ5678","own":true,"events":["logout:true","switch:YZ5678"]}');
  await expect.poll(() => platformWindow.isClosed()).toBe(true);
  expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'YZ5678' });
  await expect(page.locator('#steps li')).toHaveText(['logging-out', 'choosing-account']);
  // One window for both steps, opened inside the click in every world: it logs out first-party on the
  // window page, then moves to the login page. No session ends unless that window is already open.
  const pages = requests.filter((r) => r.startsWith('GET /scdk/v1/window') || r.startsWith('GET /login'));
  expect(pages.slice(0, 2)).toEqual(['GET /scdk/v1/window', 'GET /login']);
  expect(requests.filter((r) => r === 'GET /scdk/v1/bridge')).toHaveLength(0);
});

test('closing the login window after the logout rejects 1012 switch_incomplete (not a cancel); the old session stays ended', async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  const platformWindow = await startSwitch(page);
  const result = waitForResult(page);
  await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
  await platformWindow.close();
  expect(await result).toBe('error 1012 switch_incomplete ["logout:true"]');
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
});

test('a double click starts one switch with one window', async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  await page.goto(`${PARTNER}/e2e/switch-account.html`);
  const button = page.getByRole('button', { name: 'Switch account' });
  await expect(button).toBeEnabled();
  const opened: Page[] = [];
  context.on('page', async (p) => {
    if (await p.opener()) opened.push(p);
  });
  const result = waitForResult(page);
  await button.dblclick();
  await expect.poll(() => opened.length).toBe(1);
  await opened[0].waitForURL(`${PLATFORM}/login?gateway=demo`);
  await opened[0].getByRole('button', { name: /YZ5678/ }).click();
  expect(await result).toMatch(/^switched \{"accountId":"YZ5678"/);
  expect(opened).toHaveLength(1);
});
