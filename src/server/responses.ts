import { errorPayload, type ErrorCode } from '../shared/error-codes';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const SCRIPT_TYPE = 'text/javascript; charset=utf-8';

export type HeaderList = Record<string, string>;

/** Builds headers; every `Set-Cookie` stays a header of its own. */
function headersOf(type: string, extra: HeaderList, setCookie: readonly string[] = []): Headers {
  const headers = new Headers({ 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
  for (const cookie of setCookie) headers.append('set-cookie', cookie);
  return headers;
}

export function json(status: number, body: unknown, extra: HeaderList = {}, setCookie?: readonly string[]): Response {
  return new Response(JSON.stringify(body), { status, headers: headersOf(JSON_TYPE, extra, setCookie) });
}

/** The error body every API answer shares: `{ error: { code, message, detail } }`. */
export function jsonError(status: number, code: ErrorCode, detail: string, extra: HeaderList = {}): Response {
  return json(status, { error: errorPayload(code, detail) }, extra);
}

export function html(status: number, body: string, extra: HeaderList = {}): Response {
  return new Response(body, { status, headers: headersOf(HTML_TYPE, extra) });
}

export function text(status: number, body: string, extra: HeaderList = {}): Response {
  return new Response(body, { status, headers: headersOf(TEXT_TYPE, extra) });
}

export function script(body: string, cacheControl: string): Response {
  return new Response(body, { status: 200, headers: headersOf(SCRIPT_TYPE, { 'cache-control': cacheControl }) });
}

/** 303 See Other, so the browser follows with a GET. */
export function seeOther(location: string, setCookie?: readonly string[]): Response {
  return new Response(null, { status: 303, headers: headersOf(TEXT_TYPE, { location }, setCookie) });
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
