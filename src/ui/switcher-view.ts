import { h, type ComponentChild } from 'preact';
import type { SwitcherTexts } from './texts';
import type { SwitcherState } from './switcher-state';

export interface SwitcherViewProps {
  state: SwitcherState;
  texts: SwitcherTexts;
  lang: string;
  /** Whether to offer the switch (a platform window is allowed). */
  canSwitch: boolean;
  onSwitch: () => void;
  onLogout: () => void;
  onRetry: () => void;
  onDismiss: () => void;
}

const TITLE_ID = 'scdk-title';

const button = (label: string, onClick: () => void, primary?: boolean): ComponentChild =>
  h('button', { type: 'button', class: primary ? 'p' : undefined, onClick, 'data-primary': primary || undefined }, label);

const progress = (text: string): ComponentChild => h('p', { class: 's' }, text);

const account = (label: string, accountId: string, broker: string): ComponentChild[] => [
  h('p', { class: 'm' }, `${label} · ${broker}`),
  h('p', { class: 'a' }, accountId),
];

/** The screen for one state: what it says, and the actions it offers (the first one is primary). */
function screen(props: SwitcherViewProps): [ComponentChild | ComponentChild[], ComponentChild[]] {
  const { state, texts: t, canSwitch, onSwitch, onLogout, onRetry, onDismiss } = props;
  const cancel = button(t.cancel, onDismiss);
  switch (state.phase) {
    case 'checking':
      return [progress(t.checking), [cancel]];
    case 'logging-out':
      return [progress(t.loggingOut), [cancel]];
    case 'waiting':
      return [progress(t.waiting), [cancel]];
    case 'ready': {
      const { session } = state;
      const body =
        session.state === 'connected'
          ? account(t.connected, session.accountId, session.broker)
          : h('p', null, session.state === 'unknown' ? t.unknown : t.none);
      const actions = canSwitch ? [button(t.switch, onSwitch, true)] : [];
      if (session.state !== 'disconnected') actions.push(button(t.logout, onLogout, !canSwitch));
      return [body, [...actions, cancel]];
    }
    case 'done': {
      const { result } = state;
      const body = result.status === 'switched' ? account(t.switched, result.accountId, result.session.broker) : h('p', null, t.loggedOut);
      return [body, [button(t.done, onDismiss, true)]];
    }
    case 'error': {
      const { code } = state.error;
      const reason = code === 5004 ? t.blocked : code === 5003 ? t.noCookies : t.error;
      return [h('p', { class: 'e' }, `${reason} (${code})`), [button(t.retry, onRetry, true), cancel]];
    }
  }
}

/**
 * The modal: a backdrop and a WAI-ARIA dialog labelled by its heading. The body is a live region, so a
 * new screen is read once (not also as the dialog's description when focus moves).
 */
export function SwitcherView(props: SwitcherViewProps): ComponentChild[] {
  const [body, actions] = screen(props);
  const { texts: t, lang, onDismiss, state } = props;
  return [
    h('div', { class: 'b', onClick: onDismiss }),
    h(
      'div',
      { class: 'd', lang, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': TITLE_ID, tabIndex: -1, 'data-phase': state.phase },
      h('h2', { id: TITLE_ID }, t.title),
      h('button', { type: 'button', class: 'x', 'aria-label': t.close, onClick: onDismiss }, '×'),
      h('div', { role: 'status' }, body),
      h('div', { class: 'k' }, actions),
    ),
  ];
}
