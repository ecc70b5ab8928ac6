import type { ErrorFrame } from '../../../shared/errors';
import type { Ack, MessageFrame, ServerToVisitor, VisitorStatus, VisitorWelcome, WireMessage } from '../../../shared/protocol/index';
import { mergeMessages } from './messages';
import { MESSAGE_CAP, type ChatState } from './state';

/** Error codes the visitor must read about in words, even when no send of theirs caused them. */
const VISIBLE_ERRORS: ReadonlySet<string> = new Set(['rate_limited', 'text_too_long', 'unavailable', 'busy', 'internal']);

/**
 * Moves to conversation `id`: a new one (after a resolve the next message starts another) pushes
 * the old transcript into `earlier` so it stays on screen, capped so storage cannot grow forever.
 */
function switchConversation(s: ChatState, id: string | null): ChatState {
  if (id === null || id === s.conversationId) return s;
  if (s.conversationId === null && s.messages.length === 0) return { ...s, conversationId: id };
  const earlier = [...s.earlier, ...s.messages].slice(-MESSAGE_CAP);
  return { ...s, conversationId: id, messages: [], earlier, status: null, queuePosition: null, agentName: null, agentTyping: null };
}

/**
 * Drops pending sends whose message is now in the transcript (the server echoes the visitor's own
 * messages, sometimes before the ack). Other frames wait for their ack, which carries their outcome.
 */
function settleOutbox(s: ChatState): ChatState {
  const ids = new Set(s.messages.map((m) => m.id));
  const outbox = s.outbox.filter((item) => item.frame.type !== 'visitor.send' || !ids.has(item.frame.id));
  return outbox.length === s.outbox.length ? s : { ...s, outbox };
}

function addMessages(s: ChatState, incoming: readonly WireMessage[]): ChatState {
  let next = s;
  for (const m of incoming) {
    if (m.conversationId !== next.conversationId) next = switchConversation(next, m.conversationId);
    const merged = mergeMessages(next.messages, [m]);
    if (merged !== next.messages) next = { ...next, messages: merged.slice(-MESSAGE_CAP) };
  }
  return settleOutbox(next);
}

function onWelcome(s: ChatState, w: VisitorWelcome): ChatState {
  let next: ChatState = {
    ...s,
    token: w.token,
    agentsOnline: w.agentsOnline,
    site: w.site,
    availability: w.availability ?? null,
    notice: null,
  };
  next = switchConversation(next, w.conversationId);
  next = { ...next, status: w.status, queuePosition: w.queuePosition, agentName: w.agentName };
  return addMessages(next, w.messages);
}

/**
 * The ack says the frame is stored. A visitor's text is then a transcript message at `ack.seq`:
 * we add it ourselves, because the server's echo of it can be missed (the first message of a new
 * conversation is published before this socket follows that conversation). A later echo dedupes.
 */
function onAck(s: ChatState, ack: Ack): ChatState {
  const item = s.outbox.find((o) => o.frame.id === ack.id);
  if (!item) return s;
  const frame = item.frame;
  const next = switchConversation({ ...s, outbox: s.outbox.filter((o) => o !== item) }, ack.conversationId);
  switch (frame.type) {
    case 'visitor.send':
    case 'visitor.leave_message': {
      const own: WireMessage = { id: frame.id, conversationId: ack.conversationId, seq: ack.seq, author: 'visitor', authorName: null, kind: 'text', text: frame.text, bot: null, system: null, attachment: item.attachment, createdAt: item.createdAt };
      const withMessage = addMessages(next, [own]);
      return frame.type === 'visitor.leave_message' ? { ...withMessage, ticketFor: ack.conversationId } : withMessage;
    }
    case 'visitor.csat':
      return { ...next, rated: [...next.rated, frame.conversationId] };
    case 'visitor.nps':
      return { ...next, nps: { ...next.nps, [frame.conversationId]: frame.score !== undefined ? 'done' : ack.nps ? 'ask' : 'no' } };
    default:
      return next;
  }
}

function onStatus(s: ChatState, f: VisitorStatus): ChatState {
  const next = switchConversation(s, f.conversationId);
  return {
    ...next,
    status: f.status,
    queuePosition: f.queuePosition,
    agentName: f.agentName,
    agentsOnline: f.agentsOnline,
    agentTyping: f.status === 'assigned' ? next.agentTyping : null,
  };
}

function onError(s: ChatState, e: ErrorFrame): ChatState {
  // Said just before the server closes the socket: the close then stops the widget for this reason.
  if (e.code === 'site_disabled') return { ...s, stopReason: 'disabled' };
  const item = e.id === undefined ? undefined : s.outbox.find((o) => o.frame.id === e.id);
  // A refused feedback/choice/escalation is not something to retry by hand: drop it, say why.
  if (item && item.frame.type !== 'visitor.send' && item.frame.type !== 'visitor.leave_message') {
    return { ...s, outbox: s.outbox.filter((o) => o !== item), notice: e.code };
  }
  const outbox = item ? s.outbox.map((o) => (o === item ? { ...o, state: 'failed' as const, error: e.code } : o)) : s.outbox;
  return { ...s, outbox, notice: item || VISIBLE_ERRORS.has(e.code) ? e.code : s.notice };
}

function onMessage(s: ChatState, f: MessageFrame): ChatState {
  const next = addMessages(s, [f.message]);
  // A message from the agent ends their typing indicator.
  return f.message.author === 'agent' ? { ...next, agentTyping: null } : next;
}

type Handlers = { [K in ServerToVisitor['type']]: (s: ChatState, f: Extract<ServerToVisitor, { type: K }>) => ChatState };

/** One handler per frame type: a new server frame type is a compile error here until handled. */
const handlers: Handlers = {
  'visitor.welcome': onWelcome,
  // A later page of the replay: only for the conversation on screen (an old page after a switch is stale).
  replay: (s, f) => (f.conversationId === s.conversationId ? addMessages(s, f.messages) : s),
  ack: onAck,
  message: onMessage,
  status: onStatus,
  typing: (s, f) => ({ ...s, agentTyping: f.typing ? (f.name ?? '') : null }),
  error: onError,
  pong: (s) => s,
};

export function applyFrame(s: ChatState, frame: ServerToVisitor): ChatState {
  const handler = handlers[frame.type] as (s: ChatState, f: ServerToVisitor) => ChatState;
  return handler(s, frame);
}
