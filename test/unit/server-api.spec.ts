// scdk/server, POST /scdk/v1/logout and /scdk/v1/session at the Fetch level: one test per row of
// docs/platform-endpoints.md (each check, in order, and each answer).
import { expect, test } from '@playwright/test';
import { MAX_TOKEN_CHARS } from '../../src/server/index';
import { apiRequest, connected, createTestPlatform, errorOf, GATEWAY, nowSeconds, PLATFORM, sign } from './server-fixtures';

const LOGOUT = '/scdk/v1/logout';
const SESSION = '/scdk/v1/session';
const fresh = () => ({ accountId: 'AB1234', smallcaseAuthId: null, loggedInAt: Date.now() });

for (const path of [LOGOUT, SESSION]) {
  test.describe(path, () => {
    test('403 4005 for a cross-site caller (Sec-Fetch-Site)', async () => {
      const { kit, state } = createTestPlatform();
      const response = await kit.fetch(apiRequest(path, { gateway: 'demo', token: connected() }, { 'sec-fetch-site': 'cross-site' }));
      expect(await errorOf(response)).toEqual({ status: 403, code: 4005 });
      expect(state.ended).toBe(0);
    });

    test('without Sec-Fetch-Site, Origin is compared with publicOrigin, never with Host (a proxy in front)', async () => {
      const { kit } = createTestPlatform();
      const headers = (origin: string) => ({ 'sec-fetch-site': '', origin, host: 'internal:8080', 'x-forwarded-host': 'evil.example' });
      const strip = (request: Request) => {
        request.headers.delete('sec-fetch-site');
        return request;
      };
      expect((await kit.fetch(strip(apiRequest(path, { gateway: 'demo', token: connected() }, headers(PLATFORM)))))!.status).toBe(200);
      expect(await errorOf(await kit.fetch(strip(apiRequest(path, { gateway: 'demo', token: connected() }, headers('http://internal:8080')))))).toEqual({ status: 403, code: 4005 });
    });

    test('415 2000 for a body that is not application/json', async () => {
      const { kit } = createTestPlatform();
      const response = await kit.fetch(apiRequest(path, { gateway: 'demo', token: connected() }, { 'content-type': 'text/plain' }));
      expect(await errorOf(response)).toEqual({ status: 415, code: 2000 });
    });

    test('413 2000 for a body over 16 KiB, and the connection closes', async () => {
      const { kit } = createTestPlatform();
      const response = await kit.fetch(apiRequest(path, { gateway: 'demo', token: 'x'.repeat(17 * 1024) }));
      expect(response!.headers.get('connection')).toBe('close');
      expect(await errorOf(response)).toEqual({ status: 413, code: 2000 });
    });

    test('400 2000 for a body that is not JSON { gateway, token }', async () => {
      const { kit } = createTestPlatform();
      for (const body of ['not json', '[]', '{"gateway":"demo"}', '{"gateway":1,"token":"a"}']) {
        expect(await errorOf(await kit.fetch(apiRequest(path, body))), body).toEqual({ status: 400, code: 2000 });
      }
    });

    test('404 4001 for an unknown gateway, and 503 5002 when the resolver throws', async () => {
      const { kit } = createTestPlatform();
      expect(await errorOf(await kit.fetch(apiRequest(path, { gateway: 'nope', token: connected() })))).toEqual({ status: 404, code: 4001 });
      const failing = createTestPlatform({ gateways: async () => Promise.reject(new Error('db down')) }).kit;
      expect(await errorOf(await failing.fetch(apiRequest(path, { gateway: 'demo', token: connected() })))).toEqual({ status: 503, code: 5002 });
    });

    test('401 4002 for a bad signature, another alg, no exp, a token over 8 KiB; 401 4003 past exp + 30 s', async () => {
      const { kit } = createTestPlatform();
      const refusal = async (token: string) => errorOf(await kit.fetch(apiRequest(path, { gateway: 'demo', token })));
      expect(await refusal(sign({ smallcaseAuthId: 'u', exp: nowSeconds() + 60 }, 'other-secret'))).toEqual({ status: 401, code: 4002 });
      expect(await refusal(sign({ smallcaseAuthId: 'u', exp: nowSeconds() + 60 }, undefined, { alg: 'none' }))).toEqual({ status: 401, code: 4002 });
      expect(await refusal(sign({ smallcaseAuthId: 'u' }))).toEqual({ status: 401, code: 4002 });
      expect(await refusal(sign({ smallcaseAuthId: 'u', pad: 'x'.repeat(MAX_TOKEN_CHARS), exp: nowSeconds() + 60 }))).toEqual({ status: 401, code: 4002 });
      expect(await refusal(sign({ smallcaseAuthId: 'u', exp: nowSeconds() - 31 }))).toEqual({ status: 401, code: 4003 });
      expect((await kit.fetch(apiRequest(path, { gateway: 'demo', token: sign({ smallcaseAuthId: 'u', exp: nowSeconds() - 29 }) })))!.status).toBe(200);
    });

    test('403 4004 for a guest token', async () => {
      const { kit } = createTestPlatform();
      expect(await errorOf(await kit.fetch(apiRequest(path, { gateway: 'demo', token: sign({ guest: true, exp: nowSeconds() + 60 }) })))).toEqual({ status: 403, code: 4004 });
    });

    test('a token signed with any secret of a rotation is accepted', async () => {
      const { kit } = createTestPlatform({ gateways: [{ ...GATEWAY, secret: ['new-secret', 'server-test-secret'] }] });
      expect((await kit.fetch(apiRequest(path, { gateway: 'demo', token: connected() })))!.status).toBe(200);
      expect((await kit.fetch(apiRequest(path, { gateway: 'demo', token: sign({ smallcaseAuthId: 'u', exp: nowSeconds() + 60 }, 'new-secret') })))!.status).toBe(200);
    });

    test('405 with Allow: POST for another method', async () => {
      const { kit } = createTestPlatform();
      const response = await kit.fetch(new Request(`${PLATFORM}${path}`));
      expect(response!.status).toBe(405);
      expect(response!.headers.get('allow')).toBe('POST');
    });
  });
}

test('a token over 8 KiB is refused before any HMAC', async () => {
  const { kit } = createTestPlatform();
  const subtle = crypto.subtle;
  const original = subtle.importKey;
  let keys = 0;
  subtle.importKey = ((...args: Parameters<SubtleCrypto['importKey']>) => {
    keys++;
    return original.apply(subtle, args);
  }) as SubtleCrypto['importKey'];
  try {
    const token = sign({ smallcaseAuthId: 'u', pad: 'x'.repeat(MAX_TOKEN_CHARS), exp: nowSeconds() + 60 });
    expect(await errorOf(await kit.fetch(apiRequest(LOGOUT, { gateway: 'demo', token })))).toEqual({ status: 401, code: 4002 });
    expect(keys).toBe(0);
    await kit.fetch(apiRequest(LOGOUT, { gateway: 'demo', token: connected() }));
    expect(keys, 'the spy sees the HMAC of a normal token').toBeGreaterThan(0);
  } finally {
    subtle.importKey = original;
  }
});

test('logout: 200 { hadSession }, the hook\'s clearing cookies as separate Set-Cookie headers, an event without the token', async () => {
  const { kit, state } = createTestPlatform({}, { accountId: 'AB1234', smallcaseAuthId: 'user-1', loggedInAt: 0 });
  const token = connected();
  const response = await kit.fetch(apiRequest(LOGOUT, { gateway: 'demo', token }));
  expect(response!.status).toBe(200);
  expect(await response!.json()).toEqual({ hadSession: true });
  expect(response!.headers.getSetCookie()).toEqual(['sid=; Path=/; Max-Age=0', 'account=; Path=/; Max-Age=0']);
  expect(state.events).toEqual([{ type: 'logout', gateway: 'demo', smallcaseAuthId: 'user-1', hadSession: true, via: 'api' }]);
  expect(JSON.stringify(state.events)).not.toContain(token);
  expect(await (await kit.fetch(apiRequest(LOGOUT, { gateway: 'demo', token })))!.json()).toEqual({ hadSession: false });
});

test('logout: a throwing endSession hook gives 500 3023', async () => {
  const { kit } = createTestPlatform({ hooks: { readSession: () => null, endSession: () => Promise.reject(new Error('db down')) } });
  expect(await errorOf(await kit.fetch(apiRequest(LOGOUT, { gateway: 'demo', token: connected() })))).toEqual({ status: 500, code: 3023 });
});

test('session: none; the owner sees the id in full; another user sees it masked', async () => {
  const none = createTestPlatform().kit;
  expect(await (await none.fetch(apiRequest(SESSION, { gateway: 'demo', token: connected() })))!.json()).toEqual({ loggedIn: false, broker: 'Demo Broker', accountId: null, own: false });
  const { kit } = createTestPlatform({}, { accountId: 'AB1234', smallcaseAuthId: 'user-1', loggedInAt: 0 });
  expect(await (await kit.fetch(apiRequest(SESSION, { gateway: 'demo', token: connected('user-1') })))!.json()).toEqual({ loggedIn: true, broker: 'Demo Broker', accountId: 'AB1234', own: true });
  expect(await (await kit.fetch(apiRequest(SESSION, { gateway: 'demo', token: connected('user-2') })))!.json()).toEqual({ loggedIn: true, broker: 'Demo Broker', accountId: 'AB••34', own: false });
});

test('session with claim: a fresh unlinked login is linked to the token\'s user (compare-and-set hook); an old one, or without claim, is not', async () => {
  const { kit, state } = createTestPlatform({}, fresh());
  expect(await (await kit.fetch(apiRequest(SESSION, { gateway: 'demo', token: connected() })))!.json()).toMatchObject({ own: false, accountId: 'AB••34' });
  expect(state.linked).toEqual([]);
  expect(await (await kit.fetch(apiRequest(SESSION, { gateway: 'demo', token: connected(), claim: true })))!.json()).toMatchObject({ own: true, accountId: 'AB1234' });
  expect(state.linked).toEqual(['user-1']);
  expect(state.events.map((event) => event.type)).toContain('claim');
  const old = createTestPlatform({}, { ...fresh(), loggedInAt: Date.now() - 11 * 60 * 1000 });
  expect(await (await old.kit.fetch(apiRequest(SESSION, { gateway: 'demo', token: connected(), claim: true })))!.json()).toMatchObject({ own: false });
  expect(old.state.linked).toEqual([]);
});

test('session: a throwing readSession hook gives 500 2000', async () => {
  const { kit } = createTestPlatform({ hooks: { readSession: () => { throw new Error('db down'); }, endSession: () => ({ hadSession: false, setCookie: [] }) } });
  expect(await errorOf(await kit.fetch(apiRequest(SESSION, { gateway: 'demo', token: connected() })))).toEqual({ status: 500, code: 2000 });
});
