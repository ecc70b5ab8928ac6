import type { WireMessage } from '../../../shared/protocol/index';
import type { ChatState, OutboxItem } from './state';

export interface TimelineEntry {
  /** Message id, or the client id of a send the server has not echoed yet. */
  id: string;
  message: WireMessage;
  state: 'sent' | OutboxItem['state'];
  error: OutboxItem['error'];
}

function fromOutbox(item: OutboxItem, conversationId: string | null): TimelineEntry | null {
  if (item.frame.type !== 'visitor.send') return null;
  const message: WireMessage = {
    id: item.frame.id,
    conversationId: conversationId ?? '',
    // Not stored yet, so no seq: after everything the server has confirmed.
    seq: Number.MAX_SAFE_INTEGER,
    author: 'visitor',
    authorName: null,
    kind: 'text',
    text: item.frame.text,
    bot: null,
    system: null,
    attachment: item.attachment,
    createdAt: item.createdAt,
  };
  return { id: item.frame.id, message, state: item.state, error: item.error };
}

/**
 * What the message list shows: earlier conversations, then the current one in seq order, then the
 * visitor's own unconfirmed sends in the order typed.
 */
export function timeline(s: ChatState): TimelineEntry[] {
  const held = s.messages.map((m): TimelineEntry => ({ id: m.id, message: m, state: 'sent', error: null }));
  const own = s.outbox.map((o) => fromOutbox(o, s.conversationId)).filter((e): e is TimelineEntry => e !== null);
  const current = [...held, ...own].sort((a, b) => a.message.seq - b.message.seq || a.message.createdAt - b.message.createdAt);
  const earlier = s.earlier.map((m): TimelineEntry => ({ id: m.id, message: m, state: 'sent', error: null }));
  return [...earlier, ...current];
}
