import type { WireMessage } from '../../../shared/protocol/index';
import type { ChatEventName, ChatMessageEvent } from '../../shared/types';
import type { ChatState } from './state';

export type HostEvent = [ChatEventName, ChatMessageEvent?];

/**
 * What the host page hears (`Chat('on', …)`) when a frame took the state from `prev` to `next`: each new message
 * from others, in the words the visitor saw (`describe`), and the conversation handed to a person or resolved.
 */
export function hostEvents(prev: ChatState, next: ChatState, incoming: readonly WireMessage[], describe?: (m: WireMessage) => string): HostEvent[] {
  const events: HostEvent[] = [];
  for (const m of incoming) {
    if (m.author !== 'visitor') events.push(['message', { author: m.author, authorName: m.authorName, text: describe?.(m) ?? m.text }]);
  }
  if (prev.status !== next.status && next.conversationId === prev.conversationId) {
    if (next.status === 'queued' && prev.status !== 'assigned') events.push(['escalated']);
    if (next.status === 'resolved') events.push(['resolved']);
  }
  return events;
}
