// A loopback proxy in front of the mock platform that changes what passes through: the conformance check's
// mutants are today's demo platform with one promise broken on purpose, each as a wrapper, never an option of
// the platform itself.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProxiedResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface Mutation {
  /** Changes the request before the platform sees it, or answers it instead (returns a response). */
  request?(request: ProxiedRequest): ProxiedResponse | void;
  /** Changes the platform's answer before the caller sees it. */
  response?(response: ProxiedResponse, request: ProxiedRequest): void;
}

/** Headers the proxy sets itself (hop-by-hop, or recomputed for a changed body). */
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function readRequest(req: IncomingMessage): Promise<ProxiedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !NOT_FORWARDED.has(name)) headers[name] = value;
  }
  return { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
}

/**
 * Starts a proxy to `target` on a free loopback port.
 * @returns its origin, and close()
 */
export async function startMutatingProxy(target: string, mutation: Mutation): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    try {
      const request = await readRequest(req);
      const answered = mutation.request?.(request);
      let response = answered;
      if (!response) {
        const upstream = await fetch(new URL(request.path, target), {
          method: request.method,
          headers: request.headers,
          ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: request.body }),
          redirect: 'manual',
        });
        response = { status: upstream.status, headers: new Headers(upstream.headers), body: await upstream.text() };
        mutation.response?.(response, request);
      }
      for (const [name, value] of response.headers) {
        if (name !== 'set-cookie' && name !== 'content-encoding' && !NOT_FORWARDED.has(name)) res.setHeader(name, value);
      }
      // Each Set-Cookie stays a header of its own.
      const cookies = response.headers.getSetCookie();
      if (cookies.length) res.setHeader('set-cookie', cookies);
      res.writeHead(response.status).end(response.body);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
