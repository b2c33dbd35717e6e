import type { Browser, BrowserContext } from '@playwright/test';

/**
 * Grants the Storage Access permission for exactly one (top-level partner, embedded platform) pair in one
 * browser context, the way a browser remembers a user's earlier "allow". `context.grantPermissions` would
 * grant it everywhere, which no real browser does. CDP needs the context id, read from one of its pages.
 */
export async function grantStorageAccess(
  browser: Browser,
  context: BrowserContext,
  partnerOrigin: string,
  platformOrigin: string,
): Promise<() => Promise<void>> {
  const browserSession = await browser.newBrowserCDPSession();
  const browserContextId = await contextIdOf(browser, context);
  await browserSession.send('Browser.setPermission', {
    permission: { name: 'storage-access' },
    setting: 'granted',
    origin: partnerOrigin,
    embeddedOrigin: platformOrigin,
    browserContextId,
  } as never);
  // NOTE: the grant lives as long as this CDP session: detaching it drops the override. Revoke = detach.
  return () => browserSession.detach();
}

/**
 * CDP's id of `context`. Each test has the worker's browser to itself with one context open, so the browser's
 * only context is the test's: read it without opening a page (a page costs a renderer). With more than one
 * open, a page of the context tells which is its own.
 */
async function contextIdOf(browser: Browser, context: BrowserContext): Promise<string> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { browserContextIds } = (await session.send('Target.getBrowserContexts')) as { browserContextIds: string[] };
    if (browserContextIds.length === 1) return browserContextIds[0]!;
  } finally {
    await session.detach();
  }
  const page = await context.newPage();
  const pageSession = await context.newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  await page.close();
  return (targetInfo as { browserContextId: string }).browserContextId;
}
