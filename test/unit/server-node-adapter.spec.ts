// scdk/server's node adapter on a real node:http server and in Express: every Set-Cookie stays a header of
// its own, a body a parser already read still reaches the kit, other paths go on to the platform's routes.
import { expect, test } from '@playwright/test';
import express from 'express';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connected, createTestPlatform } from './server-fixtures';

const owned = { accountId: 'AB1234', smallcaseAuthId: 'user-1', loggedInAt: 0 };

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A logout as the runtime makes it; resolves with the status, the Set-Cookie lines and the body. */
async function logout(base: string, body: string, type = 'application/json') {
  const response = await fetch(`${base}/scdk/v1/logout`, { method: 'POST', headers: { 'content-type': type, 'sec-fetch-site': 'same-origin' }, body });
  return { status: response.status, cookies: response.headers.getSetCookie(), body: await response.text() };
}

test('node:http: the answer, each Set-Cookie separate; another path resolves false and is the platform\'s', async () => {
  const { kit } = createTestPlatform({}, owned);
  const server = createServer(async (req, res) => {
    if (await kit.node(req, res)) return;
    res.statusCode = 418;
    res.end('platform route');
  });
  const base = await listen(server);
  try {
    const answer = await logout(base, JSON.stringify({ gateway: 'demo', token: connected() }));
    expect(answer).toEqual({ status: 200, cookies: ['sid=; Path=/; Max-Age=0', 'account=; Path=/; Max-Age=0'], body: '{"hadSession":true}' });
    expect((await fetch(`${base}/login`)).status).toBe(418);
    const big = await logout(base, JSON.stringify({ gateway: 'demo', token: 'x'.repeat(40 * 1024) }));
    expect(big.status).toBe(413);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('Express with express.json() and express.urlencoded() first: the kit still reads the body; next() for other paths', async () => {
  const { kit, state } = createTestPlatform({ sessionCookie: { sameSite: 'None', path: '/' } }, owned);
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => void kit.node(req, res, next));
  app.get('/login', (_req, res) => void res.status(418).send('platform route'));
  const server = createServer(app);
  const base = await listen(server);
  try {
    expect((await logout(base, JSON.stringify({ gateway: 'demo', token: connected() }))).body).toBe('{"hadSession":true}');
    const form = new URLSearchParams({ gateway: 'demo', token: connected(), returnTo: 'https://partner.example/app', state: 's' });
    const redirect = await fetch(`${base}/scdk/v1/logout-redirect`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://partner.example' },
      body: form.toString(),
    });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('https://partner.example/app#scdk_logout=success&had_session=0&state=s');
    expect(state.ended).toBe(2);
    expect((await fetch(`${base}/login`)).status).toBe(418);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
