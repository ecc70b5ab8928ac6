import type { ConversationSummary, QueueItem, ServerToAgent, WireMessage } from '../../shared/protocol/index';
import type { ConsoleState, Notice } from './state';

type FrameOf<K extends ServerToAgent['type']> = Extract<ServerToAgent, { type: K }>;
type NoticeInput = Notice extends infer N ? (N extends Notice ? Omit<N, 'id'> : never) : never;

/** One handler per server frame type: a frame type without a handler is a compile error. */
export const frameHandlers: { [K in ServerToAgent['type']]: (s: ConsoleState, f: FrameOf<K>) => ConsoleState } = {
  'agent.welcome': (s, f) => ({
    ...s,
    connection: 'open',
    me: f.agent,
    presence: f.presence,
    queue: byWaitingLongest(f.queue),
    queueTotal: f.queueTotal ?? f.queue.length,
    ticketsTotal: f.ticketsTotal ?? f.tickets.length,
    chats: Object.fromEntries([...f.mine, ...f.tickets].map((c) => [c.id, c])),
    arrivals: [],
  }),

  queue: (s, f) => {
    const before = new Set(s.queue.map((q) => q.conversationId));
    return { ...s, queue: byWaitingLongest(f.items), queueTotal: f.total ?? f.items.length, arrivals: f.items.filter((q) => !before.has(q.conversationId)) };
  },

  conversation: (s, f) => {
    const c = f.conversation;
    const held = s.messages[c.id] ?? [];
    // The latest page: what we hold joins it unless messages were missed in between (then it restarts from this page).
    const joins = held.length === 0 || f.messages.length === 0 || f.messages[0]!.seq <= held[held.length - 1]!.seq + 1;
    const next = {
      ...s,
      details: { ...s.details, [c.id]: c },
      messages: { ...s.messages, [c.id]: joins ? merge(held, f.messages) : f.messages },
      // Older messages remain if they did before what we hold, or before this page when it reaches further back.
      earlier: { ...s.earlier, [c.id]: joins && held.length > 0 && held[0]!.seq < (f.messages[0]?.seq ?? Infinity) ? (s.earlier[c.id] ?? false) : (f.earlier ?? false) },
      loadingEarlier: without(s.loadingEarlier, c.id),
    };
    return dropConfirmed(c.id in s.chats ? { ...next, chats: { ...s.chats, [c.id]: summaryOf(c) } } : next);
  },

  'conversation.updated': (s, f) => {
    const c = f.conversation;
    const mine = c.status === 'assigned' && c.agentId !== null && c.agentId === s.me?.id;
    const kept = mine || c.status === 'offline';
    const { [c.id]: _old, ...others } = s.chats;
    // Tickets beyond the first page are only counted: keep the count in step as tickets come and go.
    const wasTicket = s.chats[c.id]?.status === 'offline';
    const isTicket = c.status === 'offline';
    let next: ConsoleState = {
      ...s,
      ticketsTotal: Math.max(0, s.ticketsTotal + (isTicket && !wasTicket ? 1 : 0) - (wasTicket && !isTicket ? 1 : 0)),
      chats: kept ? { ...others, [c.id]: c } : others,
      queue: c.status === 'queued' ? s.queue : s.queue.filter((q) => q.conversationId !== c.id),
    };
    const detail = s.details[c.id];
    if (detail) next = { ...next, details: { ...next.details, [c.id]: { ...detail, ...c } } };
    // A chat that becomes mine while I look elsewhere was transferred to me: say so.
    if (mine && !(c.id in s.chats) && s.activeId !== c.id) next = notify(next, { tone: 'info', kind: 'assigned' });
    return next;
  },

  history: (s, f) => ({
    ...s,
    messages: { ...s.messages, [f.conversationId]: merge(s.messages[f.conversationId] ?? [], f.messages) },
    earlier: { ...s.earlier, [f.conversationId]: f.earlier },
    loadingEarlier: without(s.loadingEarlier, f.conversationId),
  }),

  message: (s, f) => {
    const m = f.message;
    const cid = m.conversationId;
    let next: ConsoleState = { ...s, messages: { ...s.messages, [cid]: merge(s.messages[cid] ?? [], [m]) } };
    const isNew = !(s.messages[cid] ?? []).some((x) => x.seq === m.seq);
    if (isNew && m.author === 'visitor' && cid !== s.activeId) next = { ...next, unread: { ...next.unread, [cid]: (next.unread[cid] ?? 0) + 1 } };
    const chat = next.chats[cid];
    if (isNew && chat && m.kind === 'text' && m.author !== 'system') {
      next = { ...next, chats: { ...next.chats, [cid]: { ...chat, lastMessage: m.text, updatedAt: Math.max(chat.updatedAt, m.createdAt) } } };
    }
    if (m.author === 'visitor') next = { ...next, visitorTyping: { ...next.visitorTyping, [cid]: false } };
    if (m.id in next.pending) next = { ...next, pending: without(next.pending, m.id) };
    return dropConfirmed(next);
  },

  ack: (s, f) => {
    let next = s;
    const p = s.pending[f.id];
    if (p) next = dropConfirmed({ ...next, pending: { ...next.pending, [f.id]: { ...p, seq: f.seq, failed: null } } });
    const op = s.ops[f.id];
    if (op) {
      next = { ...next, ops: without(next.ops, f.id) };
      if (op.op === 'transfer') next = notify(next, { tone: 'info', kind: 'transferred' });
    }
    return next;
  },

  typing: (s, f) => ({ ...s, visitorTyping: { ...s.visitorTyping, [f.conversationId]: f.typing } }),

  error: (s, f) => {
    const op = f.id === undefined ? undefined : s.ops[f.id];
    const pending = f.id === undefined ? undefined : s.pending[f.id];
    let next = s;
    if (op && f.id !== undefined) {
      next = { ...next, ops: without(next.ops, f.id) };
      if (f.code === 'already_claimed') {
        // The chat is someone else's now: nothing left to look at here but the notice.
        const activeId = next.activeId === op.conversationId ? null : next.activeId;
        return notify({ ...next, activeId, queue: next.queue.filter((q) => q.conversationId !== op.conversationId) }, { tone: 'info', kind: 'already_claimed' });
      }
    } else if (pending && f.id !== undefined) {
      next = { ...next, pending: { ...next.pending, [f.id]: { ...pending, failed: f.code } } };
    }
    if (f.code === 'already_claimed') return notify(next, { tone: 'info', kind: 'already_claimed' });
    return notify(next, { tone: 'error', kind: 'error', code: f.code, message: f.message });
  },

  pong: (s) => s,
};

export function notify(s: ConsoleState, notice: NoticeInput): ConsoleState {
  // Keep the list short: an agent does not read a wall of old notices.
  const notices = [...s.notices, { ...notice, id: s.nextNoticeId } as Notice].slice(-4);
  return { ...s, notices, nextNoticeId: s.nextNoticeId + 1 };
}

function byWaitingLongest(items: readonly QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => a.queuedAt - b.queuedAt);
}

/** Adds messages, keeping one per seq (the newest copy wins) in seq order. */
function merge(existing: readonly WireMessage[], incoming: readonly WireMessage[]): WireMessage[] {
  const last = existing[existing.length - 1];
  const only = incoming[0];
  if (incoming.length === 1 && only && (!last || only.seq > last.seq)) return [...existing, only];
  const bySeq = new Map(existing.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Drops pending sends whose confirmed message has arrived, so nothing shows twice. */
function dropConfirmed(s: ConsoleState): ConsoleState {
  const done = Object.values(s.pending).filter((p) => p.seq !== null && (s.messages[p.conversationId] ?? []).some((m) => m.seq === p.seq));
  if (done.length === 0) return s;
  let pending = s.pending;
  for (const p of done) pending = without(pending, p.id);
  return { ...s, pending };
}

function summaryOf(c: ConversationSummary): ConversationSummary {
  const { id, status, visitorName, agentId, agentName, reason, lastMessage, createdAt, updatedAt } = c;
  return { id, status, visitorName, agentId, agentName, reason, lastMessage, createdAt, updatedAt };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}
