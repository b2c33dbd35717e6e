// hono-app.ts: scdk/server in a Fetch runtime (Hono on Workers, Deno, Bun or Node).
import { Hono } from 'hono';
import { createScdkPlatform } from 'scdk/server';
import { scdkConfig, type Sessions } from './scdk-config';

export function createApp(sessions: Sessions, acmeSecret: string): Hono {
  const scdk = createScdkPlatform(scdkConfig(sessions, acmeSecret));
  const app = new Hono();
  app.all('/scdk/v1/*', async (c) => (await scdk.fetch(c.req.raw, c)) ?? c.notFound());
  app.get('/login/done', async (c) => {
    const runtime = await scdk.runtimeTags(c.req.query('gateway') ?? '');
    return c.html(`<!doctype html><title>Logged in</title><h1>You are logged in</h1>${runtime?.html ?? ''}`, 200, runtime?.headers);
  });
  return app;
}
