// scdk/server's GET endpoints at the Fetch level (docs/platform-endpoints.md): the bridge page, the platform
// window, the runtime, the status, and what any other path gets.
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { createTestPlatform, PARTNER, PLATFORM, RUNTIME } from './server-fixtures';

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => new Request(`${PLATFORM}${path}`, { method, headers });
const VERSION = createHash('sha256').update(RUNTIME).digest('hex').slice(0, 16);
const failing = () => createTestPlatform({ gateways: () => Promise.reject(new Error('db down')) }).kit;

/** The runtime config element's JSON on a page. */
const configOf = (html: string) => JSON.parse(/<script id="scdk-bridge-config" type="application\/json">(.*?)<\/script>/.exec(html)![1]);

test('bridge: 200, frame-ancestors exactly the partner origins, the config element and the versioned runtime', async () => {
  const { kit } = createTestPlatform();
  const response = (await kit.fetch(get('/scdk/v1/bridge?gateway=demo&v=1')))!;
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toBe(`frame-ancestors ${PARTNER}; default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'`);
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  const html = await response.text();
  expect(configOf(html)).toEqual({
    gateway: 'demo',
    allowedOrigins: [PARTNER],
    broker: 'Demo Broker',
    apiBase: '',
    sessionCookie: { sameSite: 'None', path: '/', partitioned: false },
  });
  expect(html).toContain(`<script src="/scdk/v1/scdk-platform.js?v=${VERSION}"></script>`);
});

test('bridge: 404 with frame-ancestors \'none\' for an unknown gateway; 503 when the resolver throws; HEAD has no body', async () => {
  const { kit } = createTestPlatform();
  const unknown = (await kit.fetch(get('/scdk/v1/bridge?gateway=nope')))!;
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
  expect((await failing().fetch(get('/scdk/v1/bridge?gateway=demo')))!.status).toBe(503);
  const head = (await kit.fetch(get('/scdk/v1/bridge?gateway=demo', {}, 'HEAD')))!;
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
});

test('window: 200 with the runtime, framed by nobody, no COOP same-origin; 404 for an unknown gateway', async () => {
  const { kit } = createTestPlatform();
  const response = (await kit.fetch(get('/scdk/v1/window?gateway=demo&v=1')))!;
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(response.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
  expect(configOf(await response.text()).gateway).toBe('demo');
  expect((await kit.fetch(get('/scdk/v1/window?gateway=nope')))!.status).toBe(404);
});

test('runtime: the exact version is immutable, any other URL no-cache', async () => {
  const { kit } = createTestPlatform();
  const versioned = (await kit.fetch(get(`/scdk/v1/scdk-platform.js?v=${VERSION}`)))!;
  expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(versioned.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(await versioned.text()).toBe(RUNTIME);
  expect((await kit.fetch(get('/scdk/v1/scdk-platform.js?v=old')))!.headers.get('cache-control')).toBe('no-cache');
});

test('status: known or unknown gateway, whether the Origin is trusted (null without one), readable from any origin; 503 when the resolver throws', async () => {
  const { kit } = createTestPlatform();
  const status = async (query: string, headers: Record<string, string> = {}) => {
    const response = (await kit.fetch(get(`/scdk/v1/status?${query}`, headers)))!;
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    return response.json();
  };
  expect(await status('gateway=demo', { origin: PARTNER })).toEqual({ gateway: 'known', originAllowed: true });
  expect(await status('gateway=demo', { origin: 'https://evil.example' })).toEqual({
    gateway: 'known',
    originAllowed: false,
    error: { code: 4005, message: 'origin_not_allowed', detail: 'The platform does not trust https://evil.example for gateway "demo": ask it to add this origin.' },
  });
  expect(await status('gateway=demo')).toEqual({ gateway: 'known', originAllowed: null });
  expect(await status('gateway=nope', { origin: PARTNER })).toEqual({
    gateway: 'unknown',
    originAllowed: null,
    error: { code: 4001, message: 'invalid_gateway', detail: 'The platform does not know gateway "nope": use the name it registered for you.' },
  });
  expect((await failing().fetch(get('/scdk/v1/status?gateway=demo')))!.status).toBe(503);
});

test('405 with Allow for a wrong method on a GET endpoint; 404 for an unknown /scdk/v1/ path; null for any other path', async () => {
  const { kit } = createTestPlatform();
  const wrong = (await kit.fetch(new Request(`${PLATFORM}/scdk/v1/bridge?gateway=demo`, { method: 'POST' })))!;
  expect(wrong.status).toBe(405);
  expect(wrong.headers.get('allow')).toBe('GET, HEAD');
  expect((await kit.fetch(get('/scdk/v1/nothing-here')))!.status).toBe(404);
  expect(await kit.fetch(get('/login'))).toBeNull();
  expect(await kit.fetch(get('/scdk/v10/bridge'))).toBeNull();
});

test('runtimeTags: the login-done page gets the same tags and the header that keeps its opener; null for an unknown gateway', async () => {
  const { kit } = createTestPlatform();
  const tags = (await kit.runtimeTags('demo'))!;
  expect(configOf(tags.html).gateway).toBe('demo');
  expect(tags.html).toContain(`/scdk/v1/scdk-platform.js?v=${VERSION}`);
  expect(tags.headers).toEqual({ 'cross-origin-opener-policy': 'unsafe-none' });
  expect(tags.scriptSrc).toBe("'self'");
  expect(await kit.runtimeTags('nope')).toBeNull();
});

test('inlineRuntime: the bridge carries the runtime inline, allowed by exactly its hash, no \'unsafe-inline\' and no script request', async () => {
  const { kit } = createTestPlatform({ inlineRuntime: true });
  const response = (await kit.fetch(get('/scdk/v1/bridge?gateway=demo&v=1')))!;
  const html = await response.text();
  const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  expect(inline).toBe(RUNTIME);
  const hash = createHash('sha256').update(inline).digest('base64');
  const policy = response.headers.get('content-security-policy')!;
  expect(policy).toContain(`script-src 'sha256-${hash}';`);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).toContain(`frame-ancestors ${PARTNER};`);
  expect(html).not.toContain('<script src=');
  expect(configOf(html).gateway).toBe('demo');
  expect(() => createTestPlatform({ inlineRuntime: true, runtimeScript: 'a("</script>")' })).not.toThrow();
  const unsafe = createTestPlatform({ inlineRuntime: true, runtimeScript: 'a("</script>")' }).kit;
  expect((await unsafe.fetch(get('/scdk/v1/bridge?gateway=demo')))!.status).toBe(500);
});
