// Two kit instances behind one public origin, as behind a load balancer: the redirect hop's one-time id minted
// by one instance finishes on the other when both use one Redis store, and fails with two memory stores (the
// README's "Several instances"). The conformance check's --instances sees the same.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { createClient } from 'redis';
import { createMemoryStore, createRedisStore, createScdkPlatform, runConformance, toNodeHandler, type OneTimeStore } from '../../src/server/index';
import { startRedisServer } from '../../scripts/redis-server.mjs';
import { connected, GATEWAY, PARTNER, RUNTIME, SECRET } from './server-fixtures';

const RETURN_TO = `${PARTNER}/app/`;

/** A kit with a Lax session cookie (so the redirect takes the hop) on its own port, answering for `publicOrigin`. */
async function startInstance(publicOrigin: string | undefined, store: OneTimeStore) {
  let origin = publicOrigin;
  const server: Server = createServer((req, res) => {
    void handler(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin ??= own;
  const kit = createScdkPlatform({
    publicOrigin: origin,
    gateways: [GATEWAY],
    sessionCookie: { sameSite: 'Lax', path: '/' },
    store,
    runtimeScript: RUNTIME,
    hooks: { readSession: () => null, endSession: () => ({ hadSession: false, setCookie: [] }) },
  });
  const handler = toNodeHandler((request, context) => kit.fetch(request, context), { publicOrigin: origin });
  return { origin: own, publicOrigin: origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Two instances answering for the first one's origin, each with the store `storeFor` gives it. */
async function startPair(storeFor: () => OneTimeStore) {
  const first = await startInstance(undefined, storeFor());
  const second = await startInstance(first.publicOrigin, storeFor());
  return { first, second, close: () => Promise.all([first.close(), second.close()]) };
}

/** The partner's form on `minting`, then the hop page's id posted to `finishing`. */
async function hopAcross(minting: string, finishing: string, publicOrigin: string, again?: string) {
  const form = await fetch(`${minting}/scdk/v1/logout-redirect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PARTNER, 'sec-fetch-site': 'cross-site' },
    body: new URLSearchParams({ gateway: GATEWAY.name, token: connected(), returnTo: RETURN_TO, state: 'two-instances' }).toString(),
    redirect: 'manual',
  });
  expect(form.status).toBe(200);
  const id = /name="logout" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  expect(id).not.toBe('');
  const finish = (instance: string) => fetch(`${instance}/scdk/v1/logout-redirect/finish`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: publicOrigin, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ logout: id }).toString(),
    redirect: 'manual',
  });
  const finished = await finish(finishing);
  return { finished, again: again ? await finish(again) : undefined };
}

test.describe('two instances', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  let client: ReturnType<typeof createClient> | undefined;
  test.beforeAll(async () => {
    redis = await startRedisServer();
    client = createClient({ url: redis.url });
    await client.connect();
  });
  test.afterAll(async () => {
    await client?.close();
    await redis?.stop();
  });

  test('sharing one Redis: an id minted by one finishes on the other, once', async () => {
    const pair = await startPair(() => createRedisStore(client!, { prefix: 'two-instances:' }));
    try {
      const { finished, again } = await hopAcross(pair.first.origin, pair.second.origin, pair.first.publicOrigin, pair.first.origin);
      expect(finished.status).toBe(303);
      expect(finished.headers.get('location')).toBe(`${RETURN_TO}#scdk_logout=success&had_session=0&state=two-instances`);
      // Taken on the second instance, so gone on the first too.
      expect(again?.status).toBe(400);
      const report = await runConformance({
        platform: pair.first.publicOrigin, gateway: GATEWAY.name, partnerOrigins: [PARTNER], secret: SECRET, returnTo: RETURN_TO,
        instances: [pair.first.origin, pair.second.origin],
      });
      expect(report.checks.find((check) => check.id === 'hop.across-instances')).toMatchObject({ status: 'pass' });
      // The kit itself conforms, a path prefix for returnTo included (destructive mode off: the one warn).
      expect(report.checks.filter((check) => check.status !== 'pass').map((check) => check.id)).toEqual(['logout.clearing-cookies']);
    } finally {
      await pair.close();
    }
  });

  test('with two memory stores the same flow fails: the other instance never saw the id', async () => {
    const pair = await startPair(() => createMemoryStore());
    try {
      const { finished } = await hopAcross(pair.first.origin, pair.second.origin, pair.first.publicOrigin);
      expect(finished.status).toBe(400);
      expect(finished.headers.get('location')).toBeNull();
      const report = await runConformance({
        platform: pair.first.publicOrigin, gateway: GATEWAY.name, partnerOrigins: [PARTNER], secret: SECRET, returnTo: RETURN_TO,
        instances: [pair.first.origin, pair.second.origin],
      });
      expect(report.checks.find((check) => check.id === 'hop.across-instances')).toMatchObject({ status: 'fail' });
    } finally {
      await pair.close();
    }
  });
});
