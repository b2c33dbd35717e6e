import { expectSessionInfo, type SessionInfo } from '../../shared/protocol';
import { startDeadline } from '../deadline';
import { tokenFor, type FlowContext } from './context';

/**
 * What the platform says about the session, through the frame, within `config.timeoutMs`. `quiet`: no
 * `session` event, for a caller that reports the session its own way (a native switch).
 */
export async function readSession(context: FlowContext, quiet?: boolean): Promise<SessionInfo> {
  const left = startDeadline(context.timeoutMs);
  const token = await tokenFor(context, left);
  const channel = await context.frame().connection(left);
  const session = expectSessionInfo(await channel.request('session', token, left));
  if (!quiet) context.state.read(session);
  return session;
}
