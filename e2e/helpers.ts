import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { DEMO_GATEWAY_SECRET } from '../demo/shared/gateways.mjs';
import { signJwt } from '../demo/shared/jwt.mjs';
import { PARTNER, PLATFORM } from './origins';
import { registerToken } from './token-registry';

/** How long a test waits for requests to reach the platform: cold frames and windows on a loaded machine. */
const HELD_WAIT_MS = 20_000;

export interface Outcome<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { name: string; code: number; message: string; detail: string; isScdkError: boolean };
  ms: number;
}

export interface Faults {
  /** 'down' cuts the connections to the bridge page and the status endpoint, as a platform that is down. */
  bridge?: 'ok' | '404' | '500' | 'hang' | 'silent' | 'down';
  /** 'hold' parks every API request until releaseHeld(); see heldRequests(). */
  api?: 'ok' | '500' | 'hang' | 'hold';
  apiDelayMs?: number;
  /** Delays the bridge page and the platform window's page. */
  pageDelayMs?: number;
  /** When not null, the platform window page's delay instead of pageDelayMs. */
  windowPageDelayMs?: number | null;
  frameAncestors?: 'on' | 'off';
  /** Not a fault: the SameSite of the login cookies the platform sets from now on, and declares to its runtime. */
  sessionSameSite?: 'None' | 'Lax' | 'Strict';
}

/** Asks the partner's "backend" for a token, as a partner page would. */
export async function mintToken(request: APIRequestContext, query: string): Promise<string> {
  const response = await request.get(`${PARTNER}/api/token?${query}`);
  if (!response.ok()) throw new Error(`token endpoint answered ${response.status()}`);
  const { token } = await response.json();
  // The token-hygiene fixture looks for every minted token in request URLs and console output.
  registerToken(token);
  return token;
}

/**
 * Signs `claims` with the demo gateway's secret, as a partner's backend would, for tokens the token
 * endpoint does not hand out (an exp of the test's choosing, or none). Prefer mintToken otherwise.
 */
export function signToken(claims: Record<string, unknown>): string {
  const token = signJwt(claims, DEMO_GATEWAY_SECRET);
  registerToken(token);
  return token;
}

/**
 * Logs in on the platform, first-party, the way a user does: the login page and an account button.
 * The session belongs to no partner user unless `linkedTo` names one (a smallcaseAuthId). The platform
 * shows the account id in full only to the partner user the session belongs to, and masked (`AB••34`)
 * to any other; the bridge iframe never links a session, so after a plain login every page sees it masked.
 */
export async function loginOnPlatform(context: BrowserContext, accountId: string, linkedTo?: string): Promise<void> {
  // The login form's POST, sent through the context's own cookie jar (the session cookies land in it as a
  // top-level login would leave them) without a page: a page costs a renderer per call, and this is set-up.
  const form: Record<string, string> = { gateway: 'demo', account: accountId };
  if (linkedTo) form.smallcaseAuthId = linkedTo;
  const response = await context.request.post(`${PLATFORM}/login`, { form, headers: { origin: PLATFORM }, maxRedirects: 0 });
  expect(response.status(), `login as ${accountId}: ${await response.text()}`).toBe(303);
}

/**
 * On e2e/fixtures/switcher.html: waits for the mounted switch button above the "Manage broker account"
 * opener. It appears once the UI chunk has loaded, at the browser's next idle moment, and moves the opener
 * down: a click aimed at the opener before that can land where it was (seen once on a loaded machine: no
 * dialog, the opener untouched). Pages with a token that has an account only: a guest's button stays hidden.
 */
export async function switchButtonShown(page: Page): Promise<void> {
  await expect(page.locator('#slot scdk-switch-button').getByRole('button')).toBeVisible();
}

/** The platform's truth, read top-level on the platform with its cookies. */
export async function platformSession(context: BrowserContext): Promise<{ loggedIn: boolean; accountId: string | null }> {
  const response = await context.request.get(`${PLATFORM}/api/session`);
  expect(response.ok(), `GET /api/session: ${response.status()}`).toBe(true);
  return response.json();
}

/** The partner page whose "Log out from broker" button calls brokerLogout() from a real click (e2e/fixtures/click-logout.js). */
export async function openClickPage(page: Page, query = ''): Promise<void> {
  await page.goto(`${PARTNER}/e2e/click-logout.html${query}`);
  await expect(page.getByRole('button', { name: 'Log out from broker' })).toBeEnabled();
}

/** Opens the partner page with a "Switch account" button, clicks it, and resolves with the platform window it opened. */
export async function startSwitch(page: Page): Promise<Page> {
  await page.goto(`${PARTNER}/e2e/switch-account.html`);
  const button = page.getByRole('button', { name: 'Switch account' });
  await expect(button).toBeEnabled();
  const [platformWindow] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
  return platformWindow;
}

/** Windows the partner page opens from now on (pages the test itself opens are not popups). */
export function recordWindows(context: BrowserContext): Page[] {
  const opened: Page[] = [];
  context.on('page', async (page) => {
    if (await page.opener()) opened.push(page);
  });
  return opened;
}

export async function openPartnerPage(page: Page, path = '/e2e/blank.html'): Promise<void> {
  await page.goto(`${PARTNER}${path}`);
  await page.waitForFunction(() => typeof (window as unknown as { scDK?: unknown }).scDK === 'function');
}

export async function setFaults(request: APIRequestContext, faults: Faults): Promise<void> {
  const response = await request.post(`${PLATFORM}/__test/faults`, { data: faults });
  if (!response.ok()) throw new Error(`fault switch answered ${response.status()}`);
}

export async function resetFaults(request: APIRequestContext): Promise<void> {
  await request.delete(`${PLATFORM}/__test/faults`);
}

/** How many API requests the platform holds now (`api: 'hold'`). Wait on it with expect.poll: an event, not a delay. */
export async function heldRequests(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${PLATFORM}/__test/held`);
  return (await response.json()).held;
}

/** Waits until the platform holds `count` API requests (`api: 'hold'`). */
export async function waitForHeld(request: APIRequestContext, count = 1): Promise<void> {
  await expect.poll(() => heldRequests(request), { message: `${count} API request(s) held by the platform`, timeout: HELD_WAIT_MS }).toBe(count);
}

/**
 * Lets held API requests go on (all, or the `count` oldest); they are answered with the faults in force
 * now (e.g. set `api: '500'` first to make them fail). Resolves with how many were let go.
 */
export async function releaseHeld(request: APIRequestContext, count?: number): Promise<number> {
  const response = await request.post(`${PLATFORM}/__test/release${count ? `?count=${count}` : ''}`);
  return (await response.json()).released;
}

/** Every request the context's pages, frames and windows send to the platform, for counting and inspection. */
export function recordPlatformRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (request) => {
    if (request.url().startsWith(PLATFORM)) seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return seen;
}

/**
 * The next result a fixture page reports on its console ("scdk-result ..."), read without touching the
 * page: Playwright's in-page polling (expect, waitForFunction, evaluate) counts as a click in Chromium,
 * which would make "no click" tests pass falsely.
 */
export async function waitForResult(page: Page, timeout = 15_000): Promise<string> {
  const message = await page.waitForEvent('console', { predicate: (m) => m.text().startsWith('scdk-result '), timeout });
  return message.text().slice('scdk-result '.length);
}

/**
 * getSession() on a new instance of the page's test harness, which stays as `window.loggingOut` for a later
 * brokerLogout(): connected, it knows the cookie world, so in the blocked world that logout opens its window
 * inside the caller's gesture instead of after a handshake (Chromium lets a gesture open a window for 5 s
 * only, and a handshake on a loaded 2-core machine took longer: the window was refused, 5004).
 */
export function connectLoggingOutInstance(page: Page, token: string, timeoutMs: number): Promise<Outcome> {
  return page.evaluate(
    ([t, ms]) => {
      const { harness } = window as unknown as {
        harness: { create(token: string, config: object): { getSession(): Promise<unknown> }; outcome(call: Promise<unknown>): Promise<Outcome> };
      };
      const loggingOut = harness.create(t, { timeoutMs: ms });
      (window as unknown as { loggingOut: typeof loggingOut }).loggingOut = loggingOut;
      return harness.outcome(loggingOut.getSession());
    },
    [token, timeoutMs] as const,
  );
}
