import { ScdkError } from '../../shared/scdk-error';
import { BRIDGE_PATH } from '../../shared/protocol';

/**
 * Explains a handshake that got no answer yet. A refused frame, an unknown gateway and a slow bridge all
 * look alike from the partner page, so the SDK asks the platform's status endpoint (no credentials, no
 * token). Resolves with the error to report, or null when the platform is up and knows this gateway and
 * origin: then the bridge may just be slow, and only the call's deadline may end the wait. Runs only
 * after a silence: the happy path never pays for it.
 */
export async function diagnoseHandshake(statusUrl: string, platformOrigin: string, gateway: string, signal: AbortSignal): Promise<ScdkError | null> {
  const unavailable = (why: string) =>
    new ScdkError(5002, `The bridge page ${platformOrigin}${BRIDGE_PATH} failed: ${why}. Check it is up and lets this page frame it.`);
  try {
    const response = await fetch(statusUrl, {
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
    if (!response.ok) return unavailable(`status HTTP ${response.status}`);
    const status = (await response.json()) as { gateway?: unknown; originAllowed?: unknown };
    if (status.gateway === 'unknown') {
      return new ScdkError(4001, `The platform does not know gateway "${gateway}": use the name it registered for you.`);
    }
    if (status.originAllowed === false) {
      return new ScdkError(4005, `The platform does not trust ${location.origin} for gateway "${gateway}": ask it to add this origin.`);
    }
    return null;
  } catch {
    return unavailable('the platform could not be reached');
  }
}
