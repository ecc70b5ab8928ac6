import type { AgentProfile, ConversationDetail, ConversationSummary, Presence, QueueItem, WireMessage } from '../../shared/protocol/index';
import type { ErrorCode } from '../../shared/errors';

/** A message the agent sent that the server has not confirmed yet (or refused). */
export interface PendingSend {
  id: string;
  conversationId: string;
  kind: 'text' | 'note';
  text: string;
  createdAt: number;
  /** Set by the ack; the pending copy disappears once the message with this seq has arrived. */
  seq: number | null;
  failed: ErrorCode | null;
}

export type PendingOp = { op: 'claim' | 'resolve' | 'transfer'; conversationId: string };

/** Something to tell the agent, by translation key so it follows the chosen language. */
export type Notice =
  | { id: number; tone: 'info' | 'error'; kind: 'already_claimed' | 'assigned' | 'transferred' | 'bad_version' }
  | { id: number; tone: 'error'; kind: 'error'; code: ErrorCode; message: string };

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ConsoleState {
  connection: ConnectionStatus;
  me: AgentProfile | null;
  presence: Presence;
  /** Waiting chats, oldest first. */
  queue: QueueItem[];
  /** Conversations the agent works on: assigned to them, and open tickets (`offline`). */
  chats: Record<string, ConversationSummary>;
  details: Record<string, ConversationDetail>;
  /** Per conversation, ordered by seq, each seq once: the latest pages loaded, without gaps. */
  messages: Record<string, WireMessage[]>;
  /** Per conversation: older messages remain on the server ("load earlier"), and whether a page is on its way. */
  earlier: Record<string, boolean>;
  loadingEarlier: Record<string, boolean>;
  /** How many chats wait / tickets are open in all, when the server sent only a first page of them. */
  queueTotal: number;
  ticketsTotal: number;
  pending: Record<string, PendingSend>;
  ops: Record<string, PendingOp>;
  unread: Record<string, number>;
  visitorTyping: Record<string, boolean>;
  activeId: string | null;
  /** Queue items that appeared in the latest snapshot, for the live region and alerts. */
  arrivals: QueueItem[];
  notices: Notice[];
  nextNoticeId: number;
}

export const initialState: ConsoleState = {
  connection: 'connecting',
  me: null,
  presence: 'offline',
  queue: [],
  chats: {},
  details: {},
  messages: {},
  earlier: {},
  loadingEarlier: {},
  queueTotal: 0,
  ticketsTotal: 0,
  pending: {},
  ops: {},
  unread: {},
  visitorTyping: {},
  activeId: null,
  arrivals: [],
  notices: [],
  nextNoticeId: 1,
};

/** My assigned chats, most recently active first. */
export function myChats(s: ConsoleState): ConversationSummary[] {
  return Object.values(s.chats)
    .filter((c) => c.status === 'assigned')
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Open tickets, oldest first: they have waited longest for an answer. */
export function tickets(s: ConsoleState): ConversationSummary[] {
  return Object.values(s.chats)
    .filter((c) => c.status === 'offline')
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Every chat in the order the sidebar shows them, for next/previous navigation. */
export function sidebarOrder(s: ConsoleState): string[] {
  return [...s.queue.map((q) => q.conversationId), ...myChats(s).map((c) => c.id), ...tickets(s).map((c) => c.id)];
}

/** The confirmed messages of a conversation plus the agent's own sends still in flight. */
export function timeline(s: ConsoleState, conversationId: string): { messages: WireMessage[]; pending: PendingSend[] } {
  const messages = s.messages[conversationId] ?? [];
  const have = new Set(messages.map((m) => m.seq));
  const pending = Object.values(s.pending)
    .filter((p) => p.conversationId === conversationId && (p.seq === null || !have.has(p.seq)))
    .sort((a, b) => a.createdAt - b.createdAt);
  return { messages, pending };
}
