import { SCDK_PATH_PREFIX } from '../shared/platform-endpoints';
import { MAX_BODY_BYTES } from './read-body';

/** The parts of Node's `IncomingMessage` (and Express's `Request`) the adapter reads. */
export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  /** Express: the URL before a mount path was cut off. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** What a body parser (e.g. `express.json()`) made of the body, if one ran. */
  body?: unknown;
  readableEnded?: boolean;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end' | 'error', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  resume(): unknown;
}

/** The parts of Node's `ServerResponse` (and Express's `Response`) the adapter writes. */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string | readonly string[]): unknown;
  end(body?: Uint8Array): unknown;
}

/** What the hooks get as their context when the node adapter serves the request. */
export interface NodeContext {
  req: NodeRequest;
  res: NodeResponse;
}

export type NodeHandler = (req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void) => Promise<boolean>;

const encoder = new TextEncoder();
const toBytes = (chunk: Uint8Array | string) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk);

/** Reads the body still in the stream, stopping past the kit's limit (the kit then answers 413). */
function readStream(req: NodeRequest): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const finish = () => {
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = toBytes(chunk);
      chunks.push(bytes);
      size += bytes.byteLength;
      if (size <= MAX_BODY_BYTES) return;
      // Enough to refuse: the rest is drained unread, so the answer can still be written.
      req.off('data', onData);
      req.resume();
      finish();
    };
    req.on('data', onData);
    req.on('end', finish);
    req.on('error', finish);
  });
}

/**
 * The body as the kit reads it. A body parser that ran first (Express's `express.json()`,
 * `express.urlencoded()`, `express.text()`, `express.raw()`) already consumed the stream: its result is
 * turned back into the bytes of the same media type.
 */
async function bodyOf(req: NodeRequest): Promise<Uint8Array<ArrayBuffer> | string | undefined> {
  const parsed = req.body;
  const consumed = req.readableEnded === true || (req as { _body?: unknown })._body === true;
  if (!consumed && parsed === undefined) return readStream(req);
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed === 'string') return parsed;
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed);
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) if (typeof value === 'string') form.append(name, value);
    return form.toString();
  }
  return JSON.stringify(parsed);
}

function requestOf(publicOrigin: string, req: NodeRequest, body: Uint8Array<ArrayBuffer> | string | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue; // HTTP/2 pseudo-headers
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // The body is whole now: its old length or encoding no longer describes it.
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  const path = req.originalUrl ?? req.url ?? '/';
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
  return new Request(new URL(path.startsWith('/') ? path : `/${path}`, publicOrigin), { method, headers, ...(hasBody ? { body } : {}) });
}

/** Writes a Fetch `Response` to Node's response, every `Set-Cookie` a header of its own. */
async function write(response: Response, res: NodeResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(response.body ? new Uint8Array(await response.arrayBuffer()) : undefined);
}

/**
 * A Fetch-style handler (the kit's `fetch`, or a wrapper around it) for `node:http` and Express. The
 * request's URL is rebuilt on `publicOrigin` (never on `Host`); only paths under `/scdk/v1/` are read at
 * all, so other routes keep their bodies unread. The handler gets `{ req, res }` as its context.
 */
export function toNodeHandler(
  fetch: (request: Request, context: NodeContext) => Promise<Response | null>,
  { publicOrigin }: { publicOrigin: string },
): NodeHandler {
  return async (req, res, next) => {
    try {
      const path = req.originalUrl ?? req.url ?? '/';
      if (!path.startsWith(SCDK_PATH_PREFIX)) {
        next?.();
        return false;
      }
      const context: NodeContext = { req, res };
      const response = await fetch(requestOf(publicOrigin, req, await bodyOf(req)), context);
      if (!response) {
        next?.();
        return false;
      }
      await write(response, res);
      return true;
    } catch (error) {
      if (next) next(error);
      else throw error;
      return false;
    }
  };
}
