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
  const page = await context.newPage();
  const pageSession = await context.newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  await page.close();
  const browserSession = await browser.newBrowserCDPSession();
  await browserSession.send('Browser.setPermission', {
    permission: { name: 'storage-access' },
    setting: 'granted',
    origin: partnerOrigin,
    embeddedOrigin: platformOrigin,
    browserContextId: (targetInfo as { browserContextId?: string }).browserContextId,
  } as never);
  // NOTE: the grant lives as long as this CDP session: detaching it drops the override. Revoke = detach.
  return () => browserSession.detach();
}
