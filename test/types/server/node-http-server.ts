// node-http-server.ts: scdk/server on a plain node:http server.
import { createServer, type Server } from 'node:http';
import { createScdkPlatform } from 'scdk/server';
import { scdkConfig, type Sessions } from './scdk-config';

export function createPlatformServer(sessions: Sessions, acmeSecret: string): Server {
  const scdk = createScdkPlatform(scdkConfig(sessions, acmeSecret));
  return createServer(async (req, res) => {
    try {
      if (await scdk.node(req, res)) return; // scdk answered a /scdk/v1/* path
    } catch (error) {
      console.error(error);
      res.statusCode = 500;
      res.end();
      return;
    }
    res.statusCode = 404; // ...your own routes here
    res.end('Not found');
  });
}
