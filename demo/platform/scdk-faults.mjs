// The fault switch's effect on scdk: a wrapper around the kit's fetch, so the kit itself has no fault in
// it. Each fault changes what the wrapped kit answers (or keeps it from answering), as a broken platform would.
import { ERROR_CODES, ERROR_NAMES, SCDK_PATHS } from 'scdk/server';

/** Never settles: the connection stays open until the server closes it. */
const never = () => new Promise(() => {});

const SILENT_BRIDGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scdk bridge</title></head><body>
<p>Bridge page without scripts (mock platform fault "silent").</p></body></html>
`;

/** Cuts the connection without an answer, as a platform that is down looks to the browser. */
function cut(context) {
  context?.req?.socket?.destroy();
  return never();
}

/** The kit's headers with another body (content type and length go with the old body). */
function replaceBody(response, status, body, type) {
  const headers = new Headers(response.headers);
  headers.set('content-type', type);
  headers.delete('content-length');
  return new Response(body, { status, headers });
}

/** The bridge page's policy without its frame-ancestors directive (fault frameAncestors: 'off'). */
function withoutFrameAncestors(response) {
  const policy = response.headers.get('content-security-policy');
  if (!policy) return response;
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', policy.split(';').map((part) => part.trim()).filter((part) => !part.startsWith('frame-ancestors')).join('; '));
  return new Response(response.body, { status: response.status, headers });
}

/**
 * @param {(request: Request, context?: unknown) => Promise<Response | null>} kitFetch the kit in force
 * @param {{ faults: ReturnType<typeof import('./faults.mjs').createFaultState>, wait(ms: number): Promise<void> }} options
 * @returns {(request: Request, context?: { req: import('node:http').IncomingMessage }) => Promise<Response | null>}
 */
export function withFaults(kitFetch, { faults, wait }) {
  async function bridge(request, context) {
    const { bridge: fault, frameAncestors, pageDelayMs } = faults.current();
    if (pageDelayMs > 0) await wait(pageDelayMs);
    if (fault === 'hang') return never();
    if (fault === 'down') return cut(context);
    let response = await kitFetch(request, context);
    if (fault === '404' || fault === '500') {
      response = replaceBody(response, Number(fault), `Bridge unavailable (mock platform fault "${fault}").\n`, 'text/plain; charset=utf-8');
    } else if (fault === 'silent' && response.status === 200) {
      response = replaceBody(response, 200, SILENT_BRIDGE, 'text/html; charset=utf-8');
    }
    return frameAncestors === 'on' ? response : withoutFrameAncestors(response);
  }

  async function platformWindow(request, context) {
    const { pageDelayMs, windowPageDelayMs } = faults.current();
    const delayMs = windowPageDelayMs ?? pageDelayMs;
    if (delayMs > 0) await wait(delayMs);
    return kitFetch(request, context);
  }

  /** The API faults act once the body has arrived (the node adapter reads it first), before any check. */
  async function api(request, context, failureCode) {
    const { api: fault, apiDelayMs } = faults.current();
    if (apiDelayMs > 0) await wait(apiDelayMs);
    if (fault === 'hang') return never();
    // Parked until POST /__test/release; then answered with the faults in force at that moment.
    if (fault === 'hold') await faults.hold();
    if (faults.current().api === '500') {
      const detail = 'mock platform fault: the API is set to fail (POST /__test/faults).';
      return Response.json({ error: { code: failureCode, message: ERROR_NAMES[failureCode], detail } }, { status: 500, headers: { 'cache-control': 'no-store' } });
    }
    return kitFetch(request, context);
  }

  return async function faultyFetch(request, context) {
    const { pathname } = new URL(request.url);
    const isPost = request.method === 'POST';
    if (pathname === SCDK_PATHS.bridge && request.method === 'GET') return bridge(request, context);
    if (pathname === SCDK_PATHS.status && faults.current().bridge === 'down') return cut(context);
    if (pathname === SCDK_PATHS.window && request.method === 'GET') return platformWindow(request, context);
    if (pathname === SCDK_PATHS.logout && isPost) return api(request, context, ERROR_CODES.LOGOUT_FAILED);
    if (pathname === SCDK_PATHS.session && isPost) return api(request, context, ERROR_CODES.API_ERROR);
    return kitFetch(request, context);
  };
}
