import type { Locator, Page, TestInfo } from '@playwright/test';
import { auditPage, describeViolations, SIZES } from './audit';
import { expect, test, type CookieWorld } from './fixtures';
import { loginOnPlatform, resetFaults, setFaults, switchButtonShown, waitForResult } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// Accessibility of the account switcher (openAccountSwitcher) and the switch button (mountSwitchButton):
// axe on the whole page in every modal state, screenshots of each state at phone and desktop sizes, a
// keyboard-only switch journey, Escape, the inert background, and prefers-reduced-motion. Every user's
// setting (issue 14): each state under a dark scheme, forced colours (high contrast), 320 CSS px and
// 200 % text, the partner page's own root font size and long words, and the switch button in each.

/**
 * For the states that wait on the platform: its answers are held (api: 'hold', released by resetFaults
 * after the test), and the SDK's deadline is far beyond the audit (viewport changes, screenshots and axe
 * runs, many seconds on a loaded machine), so only the test decides when the state ends.
 */
const PATIENT = '?timeoutMs=120000';

/**
 * AB1234 as the page sees it after loginOnPlatform(context, 'AB1234'): that session belongs to no partner
 * user, so the platform masks its id for this page's user (only a session linked to them shows in full).
 */
const MASKED_AB = 'AB••34';

/**
 * Where the user-settings audits (USER_SETTINGS) run for the states every cookie world reaches: how the
 * switcher looks does not depend on the cookies, only which states a world reaches, so one world is
 * enough and keeps the three-world run short. States only one world reaches are audited there.
 */
const SETTINGS_WORLD: CookieWorld = 'blocked';

function dialogOf(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Broker account' });
}

/** The partner page with the switcher open (through its "Manage broker account" button). */
async function openSwitcher(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${PARTNER}/e2e/switcher.html${query}`);
  const open = page.getByRole('button', { name: 'Manage broker account' });
  await expect(open).toBeEnabled();
  await switchButtonShown(page);
  await open.click();
  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Lets the modal's enter animations finish (the spinner runs forever and is left alone). */
async function settleAnimations(page: Page): Promise<void> {
  await page.locator('scdk-account-switcher').evaluate((host) =>
    Promise.all(
      (host.shadowRoot?.getAnimations() ?? [])
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
}

function switcherHost(page: Page): Locator {
  return page.locator('scdk-account-switcher');
}

/** The dialog's computed font size in px. */
async function dialogFontSize(page: Page): Promise<number> {
  return dialogOf(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** [r, g, b, alpha] of a computed `rgb()` / `rgba()` colour (the first one in `value`, e.g. a box-shadow). */
function rgba(value: string): [number, number, number, number] {
  const match = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(value);
  if (!match) throw new Error(`not a computed rgb() colour: ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
}

/** WCAG 2 relative luminance of an opaque colour. */
function luminance(value: string): number {
  const [r, g, b] = rgba(value).slice(0, 3).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

/** A visible line: drawn (style not none/hidden, width > 0) in a colour that is not transparent. */
function expectVisibleLine(line: { style: string; width: string; color: string }, what: string): void {
  expect(line.style, `${what}: style`).not.toMatch(/^(none|hidden)$/);
  expect(parseFloat(line.width), `${what}: width`).toBeGreaterThan(0);
  expect(rgba(line.color)[3], `${what}: colour ${line.color} is transparent`).toBeGreaterThan(0);
}

/** A partner's accent (white text on it has 8.6:1), set on the switcher's host element. */
const PARTNER_ACCENT = 'rgb(122, 31, 162)';

/** Chromium's default font sizes (Settings > Appearance > Font size "Medium"), and the user's 200 %. */
const DEFAULT_FONTS = { standard: 16, fixed: 13 };
const DOUBLE_FONTS = { standard: 32, fixed: 26 };

/** Sets the browser's default font sizes, as a user does in the browser's settings (the `medium` keyword follows them). */
async function setUserFontSizes(page: Page, fontSizes: { standard: number; fixed: number }): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes });
  await cdp.detach();
}

/**
 * What breaks reflow (WCAG 1.4.10) in the open switcher, one line each: the page or the dialog scrolling
 * sideways, the dialog not inside the viewport (it must scroll its content instead), its heading, texts
 * and buttons sticking out of it or overflowing themselves (clipped), and its blocks overlapping.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return switcherHost(page).evaluate((host) => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page scrolls sideways: scrollWidth ${doc.scrollWidth} > clientWidth ${doc.clientWidth}`);
    const dialog = host.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!;
    if (dialog.scrollWidth > dialog.clientWidth) problems.push(`the dialog scrolls sideways: scrollWidth ${dialog.scrollWidth} > clientWidth ${dialog.clientWidth}`);
    const box = dialog.getBoundingClientRect();
    if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) {
      problems.push(`the dialog (${Math.round(box.left)},${Math.round(box.top)})-(${Math.round(box.right)},${Math.round(box.bottom)}) is not inside the ${innerWidth}×${innerHeight} viewport`);
    }
    const inside = { left: box.left + dialog.clientLeft, right: box.left + dialog.clientLeft + dialog.clientWidth };
    const describe = (el: Element) => `<${el.localName}> "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of dialog.querySelectorAll<HTMLElement>('h2, p, button')) {
      const r = el.getBoundingClientRect();
      if (r.left < inside.left - 0.5 || r.right > inside.right + 0.5) problems.push(`${describe(el)} sticks out of the dialog sideways`);
      if (el.scrollWidth > el.clientWidth) problems.push(`${describe(el)} overflows itself: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
    }
    const blocks = [...dialog.querySelectorAll('h2, .x, [role="status"], .k button')];
    blocks.forEach((a, i) =>
      blocks.slice(i + 1).forEach((b) => {
        const [ra, rb] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        const overlap = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 0.5 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 0.5;
        if (overlap) problems.push(`${describe(a)} overlaps ${describe(b)}`);
      }),
    );
    return problems;
  });
}

interface UserSetting {
  name: string;
  /** What its check asserts (the report's step title). */
  checks: string;
  viewport: { width: number; height: number };
  /** Turns the setting on; returns what turns it off again. */
  apply(page: Page): Promise<() => Promise<void>>;
  /** The setting's own assertion; `fontSizeBefore` is the dialog's font size before apply(). */
  check(page: Page, fontSizeBefore: number, where: string): Promise<void>;
}

const PHONE_320 = { width: 320, height: 568 };
const DESKTOP = SIZES[1];

/**
 * The user's settings every state is audited under (axe, a screenshot, and the setting's own check). They
 * are run after the sizes, each from the same state and undone before the next.
 */
const USER_SETTINGS: readonly UserSetting[] = [
  {
    name: 'dark',
    checks: 'dark dialog, light text, the partner accent still applies',
    viewport: DESKTOP,
    async apply(page) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await switcherHost(page).evaluate((host, accent) => host.style.setProperty('--scdk-accent', accent), PARTNER_ACCENT);
      return async () => {
        await switcherHost(page).evaluate((host) => host.style.removeProperty('--scdk-accent'));
        await page.emulateMedia({ colorScheme: null });
      };
    },
    async check(page, _before, where) {
      const look = await switcherHost(page).evaluate((host) => {
        const root = host.shadowRoot!;
        const dialog = getComputedStyle(root.querySelector('[role="dialog"]')!);
        // Every state shows the accent: a primary button, or the spinner's moving segment.
        const primary = root.querySelector('[data-primary]');
        const spinner = root.querySelector('.s');
        const accent = primary ? getComputedStyle(primary).backgroundColor : spinner ? getComputedStyle(spinner, '::before').borderTopColor : 'none';
        return { background: dialog.backgroundColor, text: dialog.color, accent };
      });
      expect(luminance(look.background), `${where}: the dialog's background ${look.background} is not dark`).toBeLessThan(0.05);
      expect(luminance(look.text), `${where}: the dialog's text ${look.text} is not light`).toBeGreaterThan(0.6);
      expect(look.accent, `${where}: the partner's --scdk-accent`).toBe(PARTNER_ACCENT);
    },
  },
  {
    name: 'forced-colors',
    checks: 'the dialog and close button edges are drawn, the keyboard focus is an outline, the spinner still turns',
    viewport: DESKTOP,
    async apply(page) {
      await page.emulateMedia({ forcedColors: 'active' });
      // A key press, so the focused button matches :focus-visible (and the screenshot shows its ring).
      await page.keyboard.press('Tab');
      return () => page.emulateMedia({ forcedColors: null });
    },
    async check(page, _before, where) {
      const look = await switcherHost(page).evaluate((host) => {
        const root = host.shadowRoot!;
        const line = (el: Element | null, side: 'Top' | 'Outline') => {
          const cs = getComputedStyle(el!);
          return side === 'Outline'
            ? { style: cs.outlineStyle, width: cs.outlineWidth, color: cs.outlineColor }
            : { style: cs.borderTopStyle, width: cs.borderTopWidth, color: cs.borderTopColor };
        };
        const spinner = root.querySelector('.s');
        const turn = spinner && getComputedStyle(spinner, '::before');
        return {
          dialog: line(root.querySelector('[role="dialog"]'), 'Top'),
          close: line(root.querySelector('.x'), 'Top'),
          focused: root.activeElement?.localName ?? 'nothing',
          focus: line(root.activeElement, 'Outline'),
          spinner: turn && { segment: turn.borderTopColor, track: turn.borderRightColor },
        };
      });
      expectVisibleLine(look.dialog, `${where}: the dialog's edge`);
      expectVisibleLine(look.close, `${where}: the close button's edge`);
      expect(look.focused, `${where}: focus left the dialog's buttons`).toBe('button');
      expectVisibleLine(look.focus, `${where}: the focused button's outline`);
      if (look.spinner) expect(look.spinner.segment, `${where}: the spinner's segment has the track's colour`).not.toBe(look.spinner.track);
    },
  },
  {
    name: 'reflow-320',
    checks: 'no sideways scrolling, nothing clipped or overlapping at 320 CSS px',
    viewport: PHONE_320,
    apply: async () => async () => {},
    async check(page, _before, where) {
      expect(await layoutProblems(page), `${where}: reflow`).toEqual([]);
    },
  },
  {
    name: 'text-200',
    checks: 'the text is twice as large, and still reflows at 320 CSS px',
    viewport: PHONE_320,
    async apply(page) {
      await setUserFontSizes(page, DOUBLE_FONTS);
      return () => setUserFontSizes(page, DEFAULT_FONTS);
    },
    async check(page, before, where) {
      expect(await dialogFontSize(page), `${where}: the dialog's font size`).toBe(2 * before);
      expect(await layoutProblems(page), `${where}: reflow`).toEqual([]);
    },
  },
];

/** axe on the whole page (no violations; it must have looked inside the switcher) and a screenshot, attached to the report. */
async function screenshotAndAxe(page: Page, testInfo: TestInfo, name: string, where: string, host = 'scdk-account-switcher'): Promise<void> {
  // The screenshot first, so a state with violations still has its picture in the report.
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  const { violations, passes, incomplete } = await auditPage(page);
  // Soft, so every size and setting is checked and pictured even when one fails.
  expect.soft(violations.map((v) => v.id), `axe violations in ${where}:\n${describeViolations(violations)}`).toEqual([]);
  // axe really looked inside the shadow root (the dialog, or the button, is among the nodes it checked).
  const checkedInside = passes.flatMap((r) => r.nodes).filter((n) => JSON.stringify(n.target).includes(host));
  expect(checkedInside.length, `axe checked no node inside <${host}>`).toBeGreaterThan(0);
  // What axe could not decide (needs a human look) goes into the report, not into the verdict.
  if (incomplete.length) {
    await testInfo.attach(`axe-needs-review-${name}.txt`, { body: describeViolations(incomplete), contentType: 'text/plain' });
  }
}

/**
 * Checks the state the modal is in: axe on the whole page (no violations) and a screenshot, at each
 * size; with `userSettings`, also under each of USER_SETTINGS, with that setting's own check.
 * Screenshots are saved in the test's output folder and attached to the report.
 */
async function auditState(page: Page, testInfo: TestInfo, state: string, phase: string, userSettings: boolean): Promise<void> {
  // Each setting adds a screenshot, an axe run and its check: many seconds on a loaded machine.
  if (userSettings) testInfo.setTimeout(testInfo.timeout + USER_SETTINGS.length * 20_000);
  const dialog = dialogOf(page);
  await expect(dialog).toHaveAttribute('data-phase', phase);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await settleAnimations(page);
    await screenshotAndAxe(page, testInfo, `${state}-${size.name}`, `"${state}" at ${size.name} size`);
  }
  if (userSettings) {
    for (const setting of USER_SETTINGS) {
      await page.setViewportSize(setting.viewport);
      const before = await dialogFontSize(page);
      const undo = await setting.apply(page);
      await settleAnimations(page);
      const where = `"${state}" with ${setting.name}`;
      await screenshotAndAxe(page, testInfo, `${state}-${setting.name}`, where);
      await test.step(`${setting.name}: ${setting.checks}`, () => setting.check(page, before, where));
      await undo();
    }
  }
  // Still in the same state after the checks (a slow platform answer must not have moved it on).
  await expect(dialog).toHaveAttribute('data-phase', phase);
}

/** The focused element through open shadow roots: the shadow hosts on the way, then the element's name. */
async function deepFocus(page: Page): Promise<{ hosts: string[]; tag: string; name: string }> {
  return page.evaluate(() => {
    const hosts: string[] = [];
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      hosts.push(active.localName);
      active = active.shadowRoot.activeElement;
    }
    const name = active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
    return { hosts, tag: active?.localName ?? '', name };
  });
}

test.describe('account switcher: axe and screenshots in every state', () => {
  test.afterEach(async ({ request }) => {
    await resetFaults(request);
  });

  // Any world: the checking screen, reached by holding the platform's API in every world.
  test('checking', { tag: '@any-world' }, async ({ page, request, cookieWorld }, testInfo) => {
    // No session answer until the test is over.
    await setFaults(request, { api: 'hold' });
    await openSwitcher(page, PATIENT);
    await expect(dialogOf(page)).toContainText('Checking your broker account');
    await auditState(page, testInfo, 'checking', 'checking', cookieWorld === SETTINGS_WORLD);
  });

  // Allowed world only: the account is only visible where the iframe reaches the cookies.
  test('ready, connected', { tag: '@allowed-only' }, async ({ page, context }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText('Connected account · Demo Broker');
    await expect(dialog).toContainText(MASKED_AB);
    await auditState(page, testInfo, 'ready-connected', 'ready', true);
  });

  // Blocked world only: only the blocked world cannot tell the account.
  test('ready, state unknown (cookies blocked)', { tag: '@blocked-only' }, async ({ page, context }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText('does not let this site see');
    await auditState(page, testInfo, 'ready-unknown', 'ready', true);
  });

  // Allowed world only: only a world that reaches the cookies can tell there is no session.
  test('ready, disconnected', { tag: '@allowed-only' }, async ({ page }, testInfo) => {
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText('No broker account is connected.');
    await expect(dialog.getByRole('button', { name: 'Log out' })).toHaveCount(0);
    await auditState(page, testInfo, 'ready-disconnected', 'ready', true);
  });

  test('logging out', async ({ page, context, request, cookieWorld }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page, PATIENT);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    // No logout answer until the test is over.
    await setFaults(request, { api: 'hold' });
    // Where cookies are blocked this opens the platform window (the popup fallback); it stays on its held logout.
    await dialog.getByRole('button', { name: 'Log out' }).click();
    await expect(dialog).toContainText('Logging out');
    await auditState(page, testInfo, 'logging-out', 'logging-out', cookieWorld === SETTINGS_WORLD);
  });

  // Any world: both audited screens come from the switch, which runs in a first-party platform window in every
  // world (flows/switch.ts); the world changes only the 'ready' screen before it, audited in its own tests.
  test('waiting for the account choice, then switched', { tag: '@any-world' }, async ({ page, context, cookieWorld }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    const [platformWindow] = await Promise.all([
      context.waitForEvent('page'),
      dialog.getByRole('button', { name: 'Switch account' }).click(),
    ]);
    await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
    await expect(dialog).toContainText('Choose the account in the window that opened.');
    await auditState(page, testInfo, 'waiting', 'waiting', cookieWorld === SETTINGS_WORLD);

    await platformWindow.getByRole('button', { name: /YZ5678/ }).click();
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    await expect(dialog).toContainText('Now connected · Demo Broker');
    await expect(dialog).toContainText('YZ5678');
    await auditState(page, testInfo, 'done-switched', 'done', cookieWorld === SETTINGS_WORLD);
  });

  test('logged out', async ({ page, context, cookieWorld }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await dialog.getByRole('button', { name: 'Log out' }).click();
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    await expect(dialog).toContainText('You are logged out of your broker account.');
    await auditState(page, testInfo, 'done-logged-out', 'done', cookieWorld === SETTINGS_WORLD);
  });

  // Any world: the error screen, reached by the platform's API failing in every world.
  test('error', { tag: '@any-world' }, async ({ page, request, cookieWorld }, testInfo) => {
    await setFaults(request, { api: '500' });
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'error');
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(dialog).toContainText(/\(\d{4}\)/);
    await auditState(page, testInfo, 'error', 'error', cookieWorld === SETTINGS_WORLD);
  });
});

test.describe('account switcher: keyboard', () => {
  // Allowed world only: the journey starts from a visible, connected account.
  test('keyboard only: Tab to the switch button, switch to YZ5678 in the platform window, focus comes back', { tag: '@allowed-only' }, async ({ page, context }) => {
    await loginOnPlatform(context, 'AB1234');
    await page.goto(`${PARTNER}/e2e/switcher.html`);
    await expect(page.getByRole('button', { name: 'Manage broker account' })).toBeEnabled();
    const switchButton = page.locator('scdk-switch-button').getByRole('button');
    // The button learns the account: wait for it so its label does not change under the keyboard.
    await expect(switchButton).toHaveAccessibleName(`${MASKED_AB} Switch account`);
    expect((await deepFocus(page)).tag).toBe('body');

    // From the top of the page, the first Tab reaches the mounted switch button.
    await page.keyboard.press('Tab');
    await expect(switchButton).toBeFocused();
    expect(await deepFocus(page)).toMatchObject({ hosts: ['scdk-switch-button'], tag: 'button' });

    await page.keyboard.press('Enter');
    const dialog = dialogOf(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText(MASKED_AB);
    // The switch button drops its own promise; while the dialog is open openAccountSwitcher() returns
    // that same promise, so report it on the console the way the fixture page reports its own calls.
    await page.evaluate(() => {
      const sdk = (window as unknown as { scGateway: { openAccountSwitcher(): Promise<{ status: string; accountId?: string; hadSession?: boolean }> } }).scGateway;
      sdk.openAccountSwitcher().then(
        (r) => console.info('scdk-result resolved ' + JSON.stringify({ status: r.status, accountId: r.accountId, hadSession: r.hadSession })),
        (e: { code: number; message: string }) => console.info('scdk-result rejected ' + e.code + ' ' + e.message),
      );
    });
    await expect(dialogOf(page)).toHaveCount(1);
    const primary = dialog.getByRole('button', { name: 'Switch account' });
    await expect(primary).toBeFocused();
    expect(await deepFocus(page)).toEqual({ hosts: ['scdk-account-switcher'], tag: 'button', name: 'Switch account' });

    // Tab and Shift+Tab go round the dialog's buttons and never reach the page behind.
    const forward: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focus = await deepFocus(page);
      expect(focus.hosts, `Tab ${i + 1} left the dialog: ${JSON.stringify(focus)}`).toEqual(['scdk-account-switcher']);
      forward.push(focus.name);
    }
    expect(forward).toEqual(['Log out', 'Cancel', 'Close', 'Switch account', 'Log out', 'Cancel', 'Close', 'Switch account']);
    const backward: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      const focus = await deepFocus(page);
      expect(focus.hosts, `Shift+Tab ${i + 1} left the dialog: ${JSON.stringify(focus)}`).toEqual(['scdk-account-switcher']);
      backward.push(focus.name);
    }
    expect(backward).toEqual(['Close', 'Cancel', 'Log out', 'Switch account', 'Close', 'Cancel', 'Log out', 'Switch account']);
    await expect(primary).toBeFocused();

    // Enter on "Switch account" opens the platform window.
    const [platformWindow] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
    await expect(dialog).toHaveAttribute('data-phase', 'waiting');

    // In the platform window: Tab to the YZ5678 account, Enter.
    const pick = platformWindow.getByRole('button', { name: /YZ5678/ });
    await expect(pick).toBeVisible();
    let presses = 0;
    while (!(await pick.evaluate((el) => el === document.activeElement))) {
      expect(++presses, 'Tab never reached the YZ5678 account button').toBeLessThanOrEqual(10);
      await platformWindow.keyboard.press('Tab');
    }
    await platformWindow.keyboard.press('Enter');

    // Back on the partner page: the done screen, its "Done" button focused.
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    await expect(dialog).toContainText('Now connected · Demo Broker');
    await expect(dialog).toContainText('YZ5678');
    const done = dialog.getByRole('button', { name: 'Done' });
    await expect(done).toBeFocused();
    await expect.poll(() => platformWindow.isClosed()).toBe(true);

    const result = waitForResult(page);
    await page.keyboard.press('Enter');
    expect(await result).toBe('resolved {"status":"switched","accountId":"YZ5678"}');
    await expect(dialog).toHaveCount(0);
    // Focus is back on the switch button that opened the dialog, inside its shadow root.
    await expect(switchButton).toBeFocused();
    expect(await deepFocus(page)).toMatchObject({ hosts: ['scdk-switch-button'], tag: 'button' });
  });

  // Any world: keyboard handling and focus in the modal.
  test('Escape closes with 1010 and returns focus; the page behind is inert while open', { tag: '@any-world' }, async ({ page }) => {
    await page.goto(`${PARTNER}/e2e/switcher.html`);
    const open = page.getByRole('button', { name: 'Manage broker account' });
    await expect(open).toBeEnabled();
    await open.click();
    const dialog = dialogOf(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');

    // Everything but the switcher is inert: no focus, no pointer, hidden from assistive tech.
    for (const selector of ['header', 'main']) {
      await expect(page.locator(selector)).toHaveJSProperty('inert', true);
    }
    const box = (await open.boundingBox())!;
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(hit).toBe('scdk-account-switcher');

    const result = waitForResult(page);
    await page.keyboard.press('Escape');
    expect(await result).toBe('rejected 1010 user_cancelled');
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();
    for (const selector of ['header', 'main']) {
      await expect(page.locator(selector)).toHaveJSProperty('inert', false);
    }
  });
});

// Any world: animation under a media preference.
test.describe('account switcher: prefers-reduced-motion', { tag: '@any-world' }, () => {
  async function animationNames(page: Page): Promise<{ dialog: string; backdrop: string }> {
    const dialog = dialogOf(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    return {
      dialog: await dialog.evaluate((el) => getComputedStyle(el).animationName),
      backdrop: await page.locator('scdk-account-switcher .b').evaluate((el) => getComputedStyle(el).animationName),
    };
  }

  test('animates in without a preference', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openSwitcher(page);
    const names = await animationNames(page);
    expect(names.dialog).not.toBe('none');
    expect(names.backdrop).not.toBe('none');
  });

  test('no animation with reducedMotion: reduce', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openSwitcher(page);
    expect(await animationNames(page)).toEqual({ dialog: 'none', backdrop: 'none' });
  });
});

// Any world: the layout is the same in every cookie world.
test.describe('account switcher: text size and long words', { tag: '@any-world' }, () => {
  test("follows the user's font size and the partner's root scaling, but a small root cannot shrink it", async ({ page }) => {
    await openSwitcher(page);
    await expect(dialogOf(page)).toHaveAttribute('data-phase', 'ready');
    const button = page.locator('scdk-switch-button').getByRole('button');
    const sizes = async () => ({
      dialog: await dialogFontSize(page),
      button: await button.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    });
    const cases = [
      // [browser default font size, the partner's root font-size, the text's expected px]
      [DEFAULT_FONTS, '', 15],
      [DEFAULT_FONTS, '200%', 30], // the partner's own "larger text" control
      [DEFAULT_FONTS, '62.5%', 15], // the "1rem = 10px" convention: not shrunk to 9.4 px
      [DOUBLE_FONTS, '', 30], // the user's browser setting
      [DOUBLE_FONTS, '62.5%', 30], // the user's setting still counts on a page with a small root
    ] as const;
    for (const [fonts, root, expected] of cases) {
      await setUserFontSizes(page, fonts);
      await page.evaluate((size) => (document.documentElement.style.fontSize = size), root);
      expect(await sizes(), `default ${fonts.standard}px, root font-size "${root || 'unset'}"`).toEqual({ dialog: expected, button: expected });
    }
  });

  test('long words wrap at 320 CSS px and 200 % text', async ({ page }, testInfo) => {
    // (The title stays: the tests find the dialog by its name.)
    const texts = { switch: 'Kontowechselmöglichkeiten', logout: 'Maklerkontoabmeldungsbestätigung', unknown: 'Kontoverbindungsinformationen'.repeat(2) };
    await openSwitcher(page, `?texts=${encodeURIComponent(JSON.stringify(texts))}`);
    await expect(dialogOf(page)).toHaveAttribute('data-phase', 'ready');
    await page.setViewportSize(PHONE_320);
    await setUserFontSizes(page, DOUBLE_FONTS);
    await settleAnimations(page);
    await screenshotAndAxe(page, testInfo, 'long-words-text-200', 'long words at 320 CSS px and 200 % text');
    expect(await layoutProblems(page)).toEqual([]);
  });
});

// Any world: how the button looks does not depend on the cookie world.
test.describe('switch button: dark, forced colours, 200 % text', { tag: '@any-world' }, () => {
  /** The partner page with the switch button focused from the keyboard (so its focus ring shows). */
  async function focusSwitchButton(page: Page): Promise<Locator> {
    await page.goto(`${PARTNER}/e2e/switcher.html`);
    const button = page.locator('scdk-switch-button').getByRole('button');
    await expect(button).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    return button;
  }

  async function look(button: Locator) {
    return button.evaluate((el) => {
      const cs = getComputedStyle(el);
      return {
        background: cs.backgroundColor,
        border: { style: cs.borderTopStyle, width: cs.borderTopWidth, color: cs.borderTopColor },
        outline: { style: cs.outlineStyle, width: cs.outlineWidth, color: cs.outlineColor },
        shadow: cs.boxShadow,
        fontSize: parseFloat(cs.fontSize),
      };
    });
  }

  test("dark: the partner's accent, and a focus ring that shows on a light and on a dark partner page", async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const button = await focusSwitchButton(page);
    // The button sits on the partner's page, whose colours the user's scheme does not tell: the ring pairs
    // the accent with white, so one of the two stands out (3:1, WCAG 1.4.11) on either kind of page.
    for (const [kind, background, text] of [['light', 'rgb(255, 255, 255)', 'rgb(0, 0, 0)'], ['dark', 'rgb(17, 17, 17)', 'rgb(238, 238, 238)']] as const) {
      await page.evaluate(([bg, fg]) => Object.assign(document.documentElement.style, { background: bg, color: fg }), [background, text]);
      const { outline, shadow } = await look(button);
      expectVisibleLine(outline, `the focus ring on a ${kind} page`);
      const best = Math.max(contrast(outline.color, background), shadow === 'none' ? 1 : contrast(shadow, background));
      expect(best, `the focus ring (outline ${outline.color}, shadow ${shadow}) against a ${kind} page ${background}`).toBeGreaterThanOrEqual(3);
      await screenshotAndAxe(page, testInfo, `switch-button-dark-on-${kind}-page`, `the switch button, dark scheme, ${kind} page`, 'scdk-switch-button');
    }
    await page.evaluate((accent) => document.documentElement.style.setProperty('--scdk-accent', accent), PARTNER_ACCENT);
    expect((await look(button)).background, "the partner's --scdk-accent").toBe(PARTNER_ACCENT);
  });

  test('forced colours: its edge and its focus outline are drawn', async ({ page }, testInfo) => {
    await page.emulateMedia({ forcedColors: 'active' });
    const button = await focusSwitchButton(page);
    const { border, outline } = await look(button);
    expectVisibleLine(border, "the button's edge");
    expectVisibleLine(outline, "the focused button's outline");
    await screenshotAndAxe(page, testInfo, 'switch-button-forced-colors', 'the switch button in forced colours', 'scdk-switch-button');
  });

  test("200 % text: it follows the user's font size", async ({ page }, testInfo) => {
    const button = await focusSwitchButton(page);
    const before = (await look(button)).fontSize;
    await setUserFontSizes(page, DOUBLE_FONTS);
    expect((await look(button)).fontSize).toBe(2 * before);
    await page.setViewportSize(PHONE_320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'the page scrolls sideways at 320 CSS px').toBe(true);
    await screenshotAndAxe(page, testInfo, 'switch-button-text-200', 'the switch button at 200 % text', 'scdk-switch-button');
  });
});
