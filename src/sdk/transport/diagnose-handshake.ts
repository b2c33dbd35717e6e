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
  try {
    // Any status: a platform that cannot look the gateway up answers 503 with a 5002 of its own.
    const error = ((await (await fetch(statusUrl, { credentials: 'omit', cache: 'no-store', signal })).json()) as { error?: unknown } | null)?.error;
    return isErrorPayload(error) ? ScdkError.fromPayload(error) : null;
  } catch {
    // Offline, down, or not the platform (an HTML error page).
    return new ScdkError(5002, `The bridge page ${platformOrigin}${BRIDGE_PATH} failed, and the platform's status check got no answer: check the platform is up and lets this page frame it.`);
  }
}
