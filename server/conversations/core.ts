import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import type { Attachment, BotPayload, ConversationStatus, EscalationReason, SystemPayload, WireMessage } from '../../shared/protocol/index';
import { topics, type Bus } from '../bus/bus';
import type { Appended, AppendOptions, AppendReply } from '../store/message-repo';
import type { Store } from '../store/store';
import type { ActorType, Conversation, NewMessage } from '../store/types';
import type { NewEventBody, TransitionEventBody } from './events';
import { botFallbackText, systemFallbackText } from './texts';

export interface Actor { type: ActorType; id: string | null; name: string | null; avatarUrl?: string | null }
export const SYSTEM: Actor = { type: 'system', id: null, name: null };
export const BOT: Actor = { type: 'bot', id: null, name: null };

/** Ids for messages the server writes itself; same shape as client ids, never colliding with them. */
export const serverMessageId = (): string => `srv_${randomUUID().replaceAll('-', '')}`;

export interface NewPost {
  id: string;
  author: WireMessage['author'];
  actor: Actor;
  kind?: 'text' | 'note';
  text: string;
  bot?: BotPayload | null;
  system?: SystemPayload | null;
  /** A file already claimed for this conversation (see FileRepo.attach). */
  attachment?: Attachment | null;
}

export interface PostOptions {
  /** Append only while the conversation is in this state (e.g. the bot replies only while it has the chat). */
  onlyIfStatus?: ConversationStatus;
  /** Sets the conversation's unhelpful-round counter in the same statement. */
  unhelpfulRounds?: number;
  /** An event recorded in the same statement, only if the message is stored. */
  event?: AppendOptions['event'];
  /** Append only while the conversation is open or resolved less than this many minutes ago. */
  reopenWithinMinutes?: number;
  /** The bot's answer, decided before the commit and stored in the same statement when its conditions hold (see AppendReply). */
  reply?: PostReply;
}

/** A bot answer to store with the visitor's message: one commit for both. */
export interface PostReply {
  payload: BotPayload;
  ifUnhelpfulRounds: number;
  unhelpfulRounds: number;
  event: AppendReply['event'];
}

export interface Transition {
  to: ConversationStatus;
  from: readonly ConversationStatus[];
  agentId?: string | null;
  reason?: EscalationReason | null;
  system?: SystemPayload;
  event: TransitionEventBody & { actor: Actor; reason?: string | null };
}

/**
 * The primitives every conversation change is made of: each runs in one transaction (state,
 * message and event together, or nothing), then publishes on the bus after the commit.
 */
export class ConversationCore {
  constructor(
    readonly store: Store,
    readonly bus: Bus,
  ) {}

  async requireConversation(id: string): Promise<Conversation> {
    const c = await this.store.conversations.byId(id);
    if (!c) throw new AppError('not_found', 'conversation not found');
    return c;
  }

  /**
   * Stores a message once per client id (a resend returns the stored one with `duplicate`), with
   * its event if any, in one statement; then publishes it. Returns null when `onlyIfStatus` did
   * not hold (nothing stored). A `reply` stored with it comes back in `reply`, not yet published:
   * the caller publishes it (`publishMessage`) once the visitor has their ack.
   */
  async post(conversationId: string, m: NewPost, opts: PostOptions = {}): Promise<Appended | null> {
    const message: NewMessage = {
      conversationId,
      id: m.id,
      author: m.author,
      authorId: m.actor.id,
      authorName: m.actor.name,
      authorAvatar: m.actor.avatarUrl ?? null,
      kind: m.kind ?? 'text',
      text: m.text,
      bot: m.bot ?? null,
      system: m.system ?? null,
      ...(m.attachment ? { attachment: m.attachment } : {}),
    };
    // What visitors cause (their messages, the bot's answers) stops at the cap; agents and the system may still write.
    const capped = m.author === 'visitor' || m.author === 'bot';
    const { reply, ...rest } = opts;
    const appendOptions: AppendOptions = {
      ...rest,
      ...(capped ? { maxMessages: LIMITS.conversationMessages } : {}),
      ...(reply ? { reply: { ...reply, message: { id: serverMessageId(), text: botFallbackText(reply.payload), bot: reply.payload } } } : {}),
    };
    const result = await this.store.messages.append(message, appendOptions);
    if (result && !result.duplicate) this.publishMessage(result.message);
    return result;
  }

  /** Tells the conversation's sockets and consoles about a stored message. */
  publishMessage(message: WireMessage): void {
    this.bus.publish(topics.conversation(message.conversationId), { kind: 'message', message });
  }

  /** A message that must exist afterwards (no status condition): a missing conversation or a full one is an error. */
  async postRequired(conversationId: string, m: NewPost, opts: Pick<PostOptions, 'reply'> = {}): Promise<Appended> {
    const result = await this.post(conversationId, m, opts);
    if (result) return result;
    await this.requireConversation(conversationId);
    throw new AppError('invalid_state', 'this conversation is too long; please start a new one');
  }

  botMessage(conversationId: string, payload: BotPayload, opts: PostOptions = {}) {
    return this.post(conversationId, { id: serverMessageId(), author: 'bot', actor: BOT, text: botFallbackText(payload), bot: payload }, opts);
  }

  /** Moves a conversation between states, refusing moves from states not in `from`. */
  async transition(conversationId: string, t: Transition): Promise<Conversation> {
    const { conversation, message } = await this.store.tx(async (r) => {
      const c = await r.conversations.lock(conversationId);
      if (!c) throw new AppError('not_found', 'conversation not found');
      if (!t.from.includes(c.status)) throw new AppError('invalid_state', `conversation is ${c.status}`);
      const conversation = await r.conversations.setStatus(c.id, { status: t.to, agentId: t.agentId, reason: t.reason });
      const message = t.system
        ? await r.messages.insert({ conversationId, id: serverMessageId(), author: 'system', authorId: null, authorName: null, kind: 'text', text: systemFallbackText(t.system), bot: null, system: t.system })
        : null;
      // The body is the writer's, checked by TransitionEventBody; TypeScript cannot follow the union through the spread.
      const body = { type: t.event.type, data: { from: c.status, to: t.to, ...t.event.data } } as NewEventBody;
      await r.events.record({ siteId: c.siteId, conversationId, actorType: t.event.actor.type, actorId: t.event.actor.id, reason: t.event.reason ?? null, ...body });
      return { conversation: { ...conversation, lastSeq: message?.seq ?? conversation.lastSeq }, message };
    });
    if (message) this.bus.publish(topics.conversation(conversationId), { kind: 'message', message });
    await this.announce(conversation);
    return conversation;
  }

  /** Tells the visitor's sockets and every console that a conversation changed state. */
  async announce(c: Conversation): Promise<void> {
    const agentName = c.agentId ? ((await this.store.agents.byId(c.agentId))?.name ?? null) : null;
    this.bus.publish(topics.conversation(c.id), { kind: 'status', conversationId: c.id, status: c.status, agentName });
    this.bus.publish(topics.console, { kind: 'queue.changed', siteId: c.siteId });
    this.bus.publish(topics.console, { kind: 'conversation.updated', conversationId: c.id, agentId: c.agentId });
  }
}
