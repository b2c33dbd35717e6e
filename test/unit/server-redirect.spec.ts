// scdk/server's redirect logout at the Fetch level (docs/platform-endpoints.md): the cross-site form, its
// returnTo allowlist, and the same-site hop for a Lax or Strict session cookie.
import { expect, test } from '@playwright/test';
import { connected, createTestPlatform, fragmentOf, nowSeconds, PARTNER, PLATFORM, redirectForm, sign } from './server-fixtures';

const RETURN_TO = `${PARTNER}/app/done?x=1`;
const form = (fields: Record<string, string> = {}) => ({ gateway: 'demo', token: connected(), returnTo: RETURN_TO, state: 'abc', ...fields });
const owned = { accountId: 'AB1234', smallcaseAuthId: 'user-1', loggedInAt: 0 };

test('400 page for an unknown gateway; the session is untouched', async () => {
  const { kit, state } = createTestPlatform({}, owned);
  expect((await kit.fetch(redirectForm(form({ gateway: 'nope' }))))!.status).toBe(400);
  expect(state.ended).toBe(0);
});

test('400 page for a returnTo that is not absolute http(s), has user info, is on another origin, or misses every prefix on a segment boundary', async () => {
  const { kit, state } = createTestPlatform({}, owned);
  for (const returnTo of ['', '/app/done', 'javascript:alert(1)', `https://user:pw@partner.example/app`, 'https://evil.example/app',
    'https://partner.example.evil.test/app', `${PARTNER}/apps`, `${PARTNER}/`, 'http://partner.example/app']) {
    const response = (await kit.fetch(redirectForm(form({ returnTo }))))!;
    expect(response.status, returnTo).toBe(400);
    expect(await response.text()).toContain('Return address not allowed');
  }
  for (const returnTo of [`${PARTNER}/app`, `${PARTNER}/app/`, `${PARTNER}/app/x?y=1#z`]) {
    expect((await kit.fetch(redirectForm(form({ returnTo }))))!.status, returnTo).toBe(303);
  }
  expect(state.ended).toBe(3);
});

test('303 back with code 4005 for an untrusted Origin, 4002/4003 for a bad token, 4004 for a guest; state echoed; nothing ended', async () => {
  const { kit, state } = createTestPlatform({}, owned);
  const outcome = async (fields: Record<string, string>, origin?: string) => fragmentOf(await kit.fetch(redirectForm(form(fields), origin)));
  expect(await outcome({}, 'https://evil.example')).toEqual({ scdk_logout: 'error', code: '4005', state: 'abc' });
  expect(await outcome({}, 'null')).toMatchObject({ code: '4005' });
  expect(await outcome({ token: sign({ smallcaseAuthId: 'u', exp: nowSeconds() + 60 }, 'wrong') })).toMatchObject({ code: '4002' });
  expect(await outcome({ token: sign({ smallcaseAuthId: 'u', exp: nowSeconds() - 60 }) })).toMatchObject({ code: '4003' });
  expect(await outcome({ token: sign({ guest: true, exp: nowSeconds() + 60 }) })).toMatchObject({ code: '4004' });
  expect(await outcome({ state: 'not a state!' }, 'https://evil.example')).toEqual({ scdk_logout: 'error', code: '4005' });
  expect(state.ended).toBe(0);
});

test('SameSite=None: ends the session at once, 303 to returnTo#scdk_logout=success&had_session=1 with the clearing cookies', async () => {
  const { kit, state } = createTestPlatform({}, owned);
  const response = (await kit.fetch(redirectForm(form())))!;
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(`${RETURN_TO}#scdk_logout=success&had_session=1&state=abc`);
  expect(response.headers.getSetCookie()).toHaveLength(2);
  expect(state.events).toContainEqual({ type: 'logout', gateway: 'demo', smallcaseAuthId: 'user-1', hadSession: true, via: 'redirect' });
});

test('a throwing endSession hook sends the user back with code 3023', async () => {
  const { kit } = createTestPlatform({ hooks: { readSession: () => null, endSession: () => { throw new Error('db down'); } } });
  expect(fragmentOf(await kit.fetch(redirectForm(form())))).toEqual({ scdk_logout: 'error', code: '3023', state: 'abc' });
});

test('SameSite=Lax: a hop page posts a one-time id (never the token) back same-origin; it ends the session once', async () => {
  const { kit, state } = createTestPlatform({ sessionCookie: { sameSite: 'Lax', path: '/' } }, owned);
  const token = connected();
  const hop = (await kit.fetch(redirectForm(form({ token }))))!;
  expect(hop.status).toBe(200);
  const page = await hop.text();
  expect(page).not.toContain(token);
  expect(page).toContain('<script src="/scdk/v1/logout-redirect.js"></script>');
  expect(state.ended).toBe(0);
  const id = /name="logout" value="([^"]+)"/.exec(page)![1];
  const finish = (site: string) =>
    kit.fetch(new Request(`${PLATFORM}/scdk/v1/logout-redirect/finish`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': site },
      body: `logout=${encodeURIComponent(id)}`,
    }));
  expect((await finish('cross-site'))!.status).toBe(403);
  const done = (await finish('same-origin'))!;
  expect(done.headers.get('location')).toBe(`${RETURN_TO}#scdk_logout=success&had_session=1&state=abc`);
  expect(state.ended).toBe(1);
  const again = (await finish('same-origin'))!;
  expect(again.status).toBe(400);
  expect(await again.text()).toContain('Sign-out expired');
  const script = (await kit.fetch(new Request(`${PLATFORM}/scdk/v1/logout-redirect.js`)))!;
  expect(await script.text()).toContain('scdk-logout-hop');
});

test('the hop\'s ids go through the configured store, grouped by gateway, with a 5-minute lifetime', async () => {
  const puts: { ttlMs: number; group: string }[] = [];
  const values = new Map<string, string>();
  const store = {
    put: async (key: string, value: string, options: { ttlMs: number; group: string }) => {
      puts.push(options);
      values.set(key, value);
      return true;
    },
    take: async (key: string) => values.get(key),
  };
  const { kit } = createTestPlatform({ sessionCookie: { sameSite: 'Strict', path: '/' }, store }, owned);
  expect((await kit.fetch(redirectForm(form())))!.status).toBe(200);
  expect(puts).toEqual([{ ttlMs: 5 * 60 * 1000, group: 'demo' }]);
});
