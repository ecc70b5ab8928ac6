import type { Store } from '../store/store';
import type { ConversationStatus } from '../../shared/protocol/index';
import type { ActorType } from '../store/types';
import type { EventType, NewEventBody } from '../conversations/events';

/** Minutes after 2025-03-03T00:00Z (a Monday), the clock of the synthetic histories. */
export const T0 = Date.UTC(2025, 2, 3);
export const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);
export const DAY = 24 * 60;

/** Builds a conversation history with explicit timestamps through the store, for metrics tests. */
export class SyntheticHistory {
  private constructor(
    readonly store: Store,
    readonly siteId: string,
    readonly siteKey: string,
  ) {}

  static async create(store: Store, key = `site${Math.random().toString(36).slice(2, 8)}`): Promise<SyntheticHistory> {
    const site = await store.sites.create({ key, name: 'Synthetic Shop', secret: 's' });
    return new SyntheticHistory(store, site.id, key);
  }

  async agent(name: string): Promise<string> {
    return (await this.store.agents.create({ email: `${name.toLowerCase().replace(/\W/g, '')}${Math.random().toString(36).slice(2, 6)}@x.test`, name, role: 'agent', passwordHash: 'h' })).id;
  }

  async visitor(opts: { userId?: string } = {}): Promise<string> {
    const v = await this.store.visitors.create(this.siteId, null);
    if (opts.userId) await this.store.visitors.identify(v.id, { userId: opts.userId, verified: true });
    return v.id;
  }

  /** A conversation whose `conversation.started` event is at `when`, optionally opening with a visitor message. */
  async conversation(visitorId: string, when: Date, firstText?: string): Promise<Chat> {
    const c = await this.store.conversations.create({ siteId: this.siteId, visitorId, context: null });
    const chat = new Chat(this, c.id, visitorId);
    await chat.event('conversation.started', when, { actor: 'visitor', data: { url: 'https://shop.example/' } });
    if (firstText) await chat.message('visitor', when, firstText);
    return chat;
  }
}

export class Chat {
  constructor(
    private readonly h: SyntheticHistory,
    readonly id: string,
    readonly visitorId: string,
  ) {}

  async event<K extends EventType>(type: K, when: Date, o: { actor?: ActorType; actorId?: string | null; reason?: string | null; data?: Extract<NewEventBody, { type: K }>['data'] } = {}): Promise<this> {
    const actor = o.actor ?? 'system';
    const body = { type, data: o.data ?? {} } as NewEventBody; // a type without data fields may leave `data` out
    await this.h.store.events.record({ siteId: this.h.siteId, conversationId: this.id, ...body, actorType: actor, actorId: o.actorId ?? (actor === 'visitor' ? this.visitorId : null), reason: o.reason ?? null, at: when });
    return this;
  }

  async message(author: 'visitor' | 'bot' | 'agent' | 'system', when: Date, text: string, kind: 'text' | 'note' = 'text'): Promise<this> {
    await this.h.store.tx(async (r) => {
      const m = await r.messages.insert({ conversationId: this.id, id: `m${Math.random().toString(36).slice(2, 14)}`, author, authorId: null, authorName: null, kind, text, bot: null, system: null });
      await r.sql.query('UPDATE messages SET created_at = $3 WHERE conversation_id = $1 AND seq = $2', [this.id, m.seq, when]);
    });
    return this;
  }

  // Shorthands for the events the services write, with the same data shapes.
  botAnswer(when: Date, query: string, articleId: string) {
    return this.event('bot.decision', when, { actor: 'bot', data: { query, decision: 'answer', confidence: 0.9, articleId, suggestions: [], candidates: [{ id: articleId, score: 0.8 }], reason: null } });
  }
  botSuggest(when: Date, query: string, suggestions: string[]) {
    return this.event('bot.decision', when, { actor: 'bot', data: { query, decision: 'suggest', confidence: 0.5, articleId: null, suggestions, candidates: suggestions.map((id, i) => ({ id, score: 0.5 - i / 10 })), reason: null } });
  }
  botNoMatch(when: Date, query: string, reason: 'low_confidence' | 'repeated_failure', nearest: string | null = null) {
    return this.event('bot.decision', when, { actor: 'bot', reason, data: { query, decision: 'escalate', confidence: 0.1, articleId: null, suggestions: [], candidates: nearest ? [{ id: nearest, score: 0.1 }] : [], reason } });
  }
  escalate(when: Date, reason: string, outcome: 'queued' | 'offline', from: ConversationStatus = 'bot') {
    return this.event('conversation.escalated', when, { actor: reason === 'asked_for_human' || reason === 'negative_feedback' ? 'visitor' : 'bot', reason, data: { from, to: outcome, outcome } });
  }
  assign(when: Date, agentId: string) {
    return this.event('conversation.assigned', when, { actor: 'agent', actorId: agentId, data: { from: 'queued', to: 'assigned', agentId } });
  }
  transfer(when: Date, fromAgentId: string, toAgentId: string) {
    return this.event('conversation.transferred', when, { actor: 'agent', actorId: fromAgentId, data: { from: 'assigned', to: 'assigned', fromAgentId, toAgentId, note: null } });
  }
  resolve(when: Date, agentId: string) {
    return this.event('conversation.resolved', when, { actor: 'agent', actorId: agentId, data: { from: 'assigned', to: 'resolved', agentId } });
  }
  reopen(when: Date) {
    return this.event('conversation.reopened', when, { actor: 'visitor', data: { from: 'resolved', to: 'queued' } });
  }
  csat(when: Date, rating: number, agentId: string | null, comment: string | null = null) {
    return this.event('csat.submitted', when, { actor: 'visitor', data: { rating, comment, agentId } });
  }
}
