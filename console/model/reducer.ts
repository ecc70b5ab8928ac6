import type { ServerToAgent } from '../../shared/protocol/index';
import { frameHandlers, notify } from './frames';
import type { ConnectionStatus, ConsoleState, PendingOp, PendingSend } from './state';

export type Action =
  | { type: 'frame'; frame: ServerToAgent }
  | { type: 'connection'; status: ConnectionStatus }
  | { type: 'activate'; conversationId: string | null }
  | { type: 'pending'; send: PendingSend }
  | { type: 'retry'; id: string }
  | { type: 'op'; id: string; op: PendingOp }
  | { type: 'presence'; status: 'online' | 'away' }
  | { type: 'typing-expired'; conversationId: string }
  | { type: 'bad-version' }
  | { type: 'dismiss'; noticeId: number }
  | { type: 'loading-earlier'; conversationId: string };

/** Pure: the whole console state after one server frame or one thing the agent did. */
export function reduce(s: ConsoleState, a: Action): ConsoleState {
  switch (a.type) {
    case 'frame':
      return applyFrame(s, a.frame);
    case 'connection':
      return { ...s, connection: a.status };
    case 'activate': {
      if (a.conversationId === null) return { ...s, activeId: null };
      const { [a.conversationId]: _read, ...unread } = s.unread;
      return { ...s, activeId: a.conversationId, unread };
    }
    case 'pending':
      return { ...s, pending: { ...s.pending, [a.send.id]: a.send } };
    case 'retry': {
      const p = s.pending[a.id];
      return p ? { ...s, pending: { ...s.pending, [a.id]: { ...p, failed: null } } } : s;
    }
    case 'op':
      return { ...s, ops: { ...s.ops, [a.id]: a.op } };
    case 'presence':
      return { ...s, presence: a.status };
    case 'typing-expired':
      return s.visitorTyping[a.conversationId] ? { ...s, visitorTyping: { ...s.visitorTyping, [a.conversationId]: false } } : s;
    case 'bad-version':
      return notify(s, { tone: 'error', kind: 'bad_version' });
    case 'loading-earlier':
      return { ...s, loadingEarlier: { ...s.loadingEarlier, [a.conversationId]: true } };
    case 'dismiss':
      return { ...s, notices: s.notices.filter((n) => n.id !== a.noticeId) };
  }
}

function applyFrame(s: ConsoleState, frame: ServerToAgent): ConsoleState {
  // The table is keyed by frame type, so this lookup and call are type-safe per frame.
  const handler = frameHandlers[frame.type] as (st: ConsoleState, f: ServerToAgent) => ConsoleState;
  return handler(s, frame);
}
