import { ScdkError } from '../../shared/scdk-error';
import { BRIDGE_PATH, isErrorPayload } from '../../shared/protocol';

/**
 * Explains a handshake that got no answer yet. A refused frame, an unknown gateway and a slow bridge all
 * look alike from the partner page, so the SDK asks the platform's status endpoint (no credentials, no
 * token), which names its own refusal as the bridge would (`error`: 4001 for an unknown gateway, 4005 for
 * an origin it does not trust; docs/platform-endpoints.md). Resolves with the error to report, or null when
 * the platform is up and refuses nothing: then the bridge may just be slow, and only the call's deadline
 * may end the wait. Runs only after a silence: the happy path never pays for it.
 */
export async function diagnoseHandshake(statusUrl: string, platformOrigin: string, signal: AbortSignal): Promise<ScdkError | null> {
  const unavailable = (why: string) =>
    new ScdkError(5002, `The bridge page ${platformOrigin}${BRIDGE_PATH} failed: ${why}. Check it is up and lets this page frame it.`);
  try {
    const response = await fetch(statusUrl, {
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
    if (!response.ok) return unavailable(`status HTTP ${response.status}`);
    const error = ((await response.json()) as { error?: unknown } | null)?.error;
    return isErrorPayload(error) ? ScdkError.fromPayload(error) : null;
  } catch {
    return unavailable('the platform could not be reached');
  }
}
