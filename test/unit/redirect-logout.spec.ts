import { expect, test } from '@playwright/test';
import { awaitDeparture, readRedirectResult, submitRedirectLogout, type ReturnPage } from '../../src/sdk/flows/redirect-logout';
import { ScdkError } from '../../src/shared/scdk-error';
import { outcome, settle } from './flow-mocks';

// The redirect fallback (src/sdk/flows/redirect-logout.ts) on fake page objects: the form, the wait for the
// page to leave, and the result read back on returnTo.

const STATE_KEY = 'scdk_logout_state';

/** A tab's sessionStorage. */
function fakeStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  } as Storage;
}

/** The returnTo page, loaded with `hash`, its tab holding `pending` (the state of a logout under way). */
function returnPage(hash: string, pending: string | null): ReturnPage & { storage: Storage } {
  const storage = fakeStorage(pending ? { [STATE_KEY]: pending } : {});
  return {
    location: { hash, href: `https://partner.test/back${hash}` },
    history: { state: null, replaceState: () => {} },
    sessionStorage: storage,
    storage,
  };
}

test("a crafted #scdk_logout= link is no result, and leaves a genuine pending logout's state in place", () => {
  const page = returnPage('#scdk_logout=success&had_session=1&state=forged', 'genuine');
  expect(readRedirectResult(page)).toBeNull();
  expect(page.storage.getItem(STATE_KEY)).toBe('genuine');
  // The genuine return still reads its result, once.
  const back = returnPage('#scdk_logout=success&had_session=1&state=genuine', 'genuine');
  expect(readRedirectResult(back)).toEqual({ success: true, hadSession: true });
  expect(back.storage.getItem(STATE_KEY)).toBeNull();
});

test('a 4005 after the redirect names both causes: an untrusted origin, or a referrer policy that sent Origin: null', () => {
  const result = readRedirectResult(returnPage('#scdk_logout=error&code=4005&state=s1', 's1'));
  expect(result).toBeInstanceOf(ScdkError);
  expect((result as ScdkError).code).toBe(4005);
  expect((result as ScdkError).detail).toContain('add this origin');
  expect((result as ScdkError).detail).toContain('no-referrer or same-origin');
  const other = readRedirectResult(returnPage('#scdk_logout=error&code=4002&state=s1', 's1'));
  expect((other as ScdkError).detail).not.toContain('referrer');
});

test('a deadline that runs out as the form submits: the page leaving is no 5006', async () => {
  const page = new EventTarget() as unknown as Window;
  const { departure } = awaitDeparture(page, () => 0);
  const result = outcome(departure);
  await new Promise((resolve) => setTimeout(resolve, 20));
  page.dispatchEvent(new Event('pagehide'));
  await settle();
  expect(await Promise.race([result, new Promise((resolve) => setTimeout(() => resolve('pending'), 50))])).toBe('pending');
});

test('a page that never leaves: 5006; destroy() ends the wait with its error and removes the listeners', async () => {
  const page = new EventTarget() as unknown as Window;
  const { departure } = awaitDeparture(page, () => 0, 10);
  expect(await outcome(departure)).toBe(5006);
  const cancelled = awaitDeparture(page, () => 1000);
  cancelled.cancel(new ScdkError(5005, 'destroyed'));
  expect(await outcome(cancelled.departure)).toBe(5005);
});

test("the logout form posts into this page (target _self), whatever a <base target> says", () => {
  const made: Record<string, unknown>[] = [];
  const element = (tag: string) => {
    const node: Record<string, unknown> = { tag, children: [] as unknown[], appendChild: (child: unknown) => (node.children as unknown[]).push(child), submit: () => (node.submitted = true), remove: () => (node.removed = true) };
    made.push(node);
    return node;
  };
  const globals = globalThis as unknown as Record<string, unknown>;
  const saved = { document: globals.document, sessionStorage: globals.sessionStorage };
  globals.document = { createElement: element, body: { appendChild: () => {} } };
  globals.sessionStorage = fakeStorage();
  try {
    submitRedirectLogout({ platformOrigin: 'https://platform.test', gateway: 'demo', token: 't', returnTo: 'https://partner.test/' });
  } finally {
    Object.assign(globals, saved);
  }
  const form = made.find((node) => node.tag === 'form');
  expect(form).toMatchObject({ method: 'POST', target: '_self', submitted: true, removed: true });
});
