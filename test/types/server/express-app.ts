// express-app.ts: scdk/server in an Express app.
import express from 'express';
import { createScdkPlatform } from 'scdk/server';
import { scdkConfig, type Sessions } from './scdk-config';

export function createApp(sessions: Sessions, acmeSecret: string): express.Express {
  const scdk = createScdkPlatform(scdkConfig(sessions, acmeSecret));
  const app = express();
  // First, before helmet() and body parsers: /scdk/v1/* sets its own headers (frame-ancestors, no COOP).
  app.use((req, res, next) => void scdk.node(req, res, next));
  app.use(express.json());
  // The page your login lands on: the runtime reports to the SDK's window that opened it.
  app.get('/login/done', async (req, res) => {
    const runtime = await scdk.runtimeTags(String(req.query.gateway ?? ''));
    res.set(runtime?.headers ?? {});
    res.send(`<!doctype html><title>Logged in</title><h1>You are logged in</h1>${runtime?.html ?? ''}`);
  });
  return app;
}
