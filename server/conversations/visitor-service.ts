import { attachFile } from '../files/file-service';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { EscalationReason, Identity, VisitorContext, VisitorNps, WireMessage } from '../../shared/protocol/index';
import { verifyUserHash, type VisitorTokens } from '../auth/visitor-token';
import type { Bot, BotDecision } from '../bot/index';
import { topics } from '../bus/bus';
import type { Conversation, Site, Visitor } from '../store/types';
import { botTurn, planTurn, toCard } from './bot-turn';
import { Handover } from './handover';
import { notePageView, pageViewed } from './page-views';
import { handleNps } from './nps';
import { BOT, type Actor, type ConversationCore } from './core';
import { LIMITS } from '../../shared/limits';
import { RateLimits } from '../limits/rate-limits';
import type { AgentService } from './agent-service';
import type { ArticleTrust } from './article-trust';

const visitorActor = (v: Visitor): Actor => ({ type: 'visitor', id: v.id, name: v.name });

/** Everything a visitor can do, with the checks that keep them to their own conversations. */
export class VisitorService {
  constructor(
    private readonly core: ConversationCore,
    private readonly bot: Bot,
    private readonly tokens: VisitorTokens,
    private readonly agents: AgentService,
    private readonly limits: RateLimits,
    /** Live feedback lowers the bot's trust in articles (optional: without it the bot does not learn). */
    private readonly trust?: ArticleTrust,
  ) {
    this.handover = new Handover(core, agents, trust);
  }

  private readonly handover: Handover;

  private get store() {
    return this.core.store;
  }

  static newTokenKey(): string {
    return randomBytes(32).toString('base64url');
  }

  /**
   * The visitor behind a token, or a new one (`fresh`: created by this call, so no conversation can be theirs yet).
   * A token for another site or a forged one is refused. With `connectionId`, the socket's presence row is written
   * by the same statement that records the visit, so a hello commits once.
   */
  async authenticate(site: Site, token: string | null, context: VisitorContext, connectionId?: string): Promise<{ visitor: Visitor; token: string; fresh: boolean }> {
    if (token !== null) {
      const claims = this.tokens.claims(token);
      const visitor = claims && claims.siteId === site.id ? await this.store.visitors.byId(claims.visitorId) : undefined;
      if (!claims || !this.tokens.accepts(claims, visitor) || visitor.siteId !== site.id) throw new AppError('unauthorized', 'visitor token is not valid for this site (expired, revoked or another site’s)');
      await this.store.visitors.touch(visitor.id, context, connectionId);
      return { visitor, token, fresh: false };
    }
    const visitor = await this.store.visitors.create(site.id, context, connectionId);
    return { visitor, token: this.tokens.issue(visitor), fresh: true };
  }

  /**
   * The visitor records whose conversations this visitor may see: their own, plus other devices of
   * a verified user. Decided from the database at each call, never from a socket's copy. On a site
   * that requires verification an unverified visitor sees none (see docs/SECURITY.md).
   */
  async identities(visitor: Visitor, site: Site): Promise<string[]> {
    if (site.settings.requireVerification && !(await this.store.visitors.isVerified(visitor.id))) return [];
    return this.store.visitors.sameUser(visitor.id);
  }

  /** Sites with `requireVerification` let only verified visitors chat; others must identify first. */
  private async mayChat(visitor: Visitor, site: Site): Promise<void> {
    if (site.settings.requireVerification && !(await this.store.visitors.isVerified(visitor.id))) {
      throw new AppError('forbidden', 'this site requires a verified identity (userId with userHash) before chatting');
    }
  }

  /** The conversation a visitor is in: the latest, unless it ended longer ago than the reopen window. */
  async current(visitor: Visitor, site: Site): Promise<Conversation | null> {
    // `identities` and the latest of their conversations in one round trip (the same rules).
    const latest = await this.store.conversations.latestVisibleTo(visitor.id, site.settings.requireVerification);
    if (!latest) return null;
    if (latest.status === 'resolved' && Date.now() - (latest.resolvedAt ?? 0) > site.settings.reopenWindowMinutes * 60_000) return null;
    return latest;
  }

  async owned(visitor: Visitor, site: Site, conversationId: string): Promise<Conversation> {
    const c = await this.store.conversations.byId(conversationId);
    if (!c || !(await this.identities(visitor, site)).includes(c.visitorId)) throw new AppError('not_found', 'conversation not found');
    return c;
  }

  private async currentOrNew(visitor: Visitor, site: Site): Promise<Conversation> {
    await this.mayChat(visitor, site);
    const existing = await this.current(visitor, site);
    if (existing) return existing;
    RateLimits.check(this.limits.conversations, visitor.id, 'You have started many conversations');
    const context = visitor.context;
    return this.store.conversations.start({
      siteId: site.id,
      visitorId: visitor.id,
      context,
      events: [
        { type: 'conversation.started', actorType: 'visitor', actorId: visitor.id, data: { url: context?.url ?? null } },
        ...(context ? [pageViewed(visitor.id, context, new Date())] : []),
      ],
    });
  }

  /**
   * Stores the visitor's message (once per client id) and returns the ack data. When the conversation is with
   * the bot, its answer is decided first and stored by the same statement, so one commit makes both durable;
   * `followUp` (call it once the ack is sent) publishes that answer, or runs the bot's turn when the answer
   * could not be stored with the message (the conversation changed meanwhile), and hands over when the bot says so.
   */
  async send(
    visitor: Visitor,
    site: Site,
    m: { id: string; text: string; attachment?: string },
    locale?: string,
    watch: (c: Conversation) => void = () => {},
    /** The conversation the socket already follows: appended to directly while it is still the current one. */
    known: Conversation | null = null,
  ): Promise<{ message: WireMessage; followUp: () => Promise<void> }> {
    // A file is claimed for exactly one conversation, so a message carrying one takes the full path, which settles it first.
    const direct = known && !m.attachment ? await this.sendTo(known, visitor, site, m, locale, watch) : null;
    if (direct) return direct;
    let c = await this.currentOrNew(visitor, site);
    watch(c);
    if (c.lastSeq >= LIMITS.conversationMessages) throw new AppError('invalid_state', 'this conversation is too long; please start a new one');
    const attachment = m.attachment ? await attachFile(this.store, m.attachment, { type: 'visitor', id: visitor.id }, site.id, c.id) : null;
    // A file alone asks the bot nothing: there is no question to answer.
    const answerable = m.text.length > 0;
    const plan = answerable && c.status === 'bot' ? await planTurn(this.bot, c, m.text, locale, this.trust) : null;
    const stored = await this.core.postRequired(c.id, { id: m.id, author: 'visitor', actor: visitorActor(visitor), text: m.text, attachment }, { reply: plan?.reply });
    const { message, duplicate } = stored;
    if (duplicate) {
      // A resend after a crash between storing and answering: the bot still owes this message a reply.
      const now = await this.store.conversations.byId(c.id);
      const unanswered = answerable && now?.status === 'bot' && now.lastSeq === message.seq;
      return { message, followUp: unanswered ? () => this.answer(now, m.text, locale, null) : async () => {} };
    }
    if (c.status === 'resolved') c = await this.handover.reopen(c, visitorActor(visitor), site);
    if (c.status === 'queued') this.core.bus.publish(topics.console, { kind: 'queue.changed', siteId: c.siteId });
    const conversation = c;
    return {
      message,
      followUp: answerable ? () => this.answer(conversation, m.text, locale, plan && stored.reply ? { ...plan, reply: stored.reply } : null) : async () => {},
    };
  }

  /**
   * One statement for the common case: the append itself checks that the conversation the socket follows
   * is still the visitor's current one (not resolved longer ago than the reopen window) and returns its
   * state, so neither "which conversation" nor the bot's view of it is read again. Null: take the full path
   * (nothing was stored). Visibility needs no check: the socket got this conversation through `current`,
   * and what a visitor may see only widens (verification is never withdrawn).
   */
  private async sendTo(known: Conversation, visitor: Visitor, site: Site, m: { id: string; text: string }, locale: string | undefined, watch: (c: Conversation) => void) {
    // Decided for the state the socket last saw; stored only if that state still holds at the commit.
    const plan = known.status === 'bot' && m.text.length > 0 ? await planTurn(this.bot, known, m.text, locale, this.trust) : null;
    const result = await this.core.post(known.id, { id: m.id, author: 'visitor', actor: visitorActor(visitor), text: m.text }, { reopenWithinMinutes: site.settings.reopenWindowMinutes, reply: plan?.reply });
    if (!result) return null;
    const { message, duplicate, conversation: now } = result;
    if (duplicate || !now) return null; // a resend: the full path decides whether the bot still owes an answer
    let c: Conversation = { ...known, status: now.status, unhelpfulRounds: now.unhelpfulRounds, lastSeq: result.reply?.seq ?? message.seq };
    if (c.status === 'resolved') c = await this.handover.reopen(await this.core.requireConversation(c.id), visitorActor(visitor), site);
    watch(c);
    if (c.status === 'queued') this.core.bus.publish(topics.console, { kind: 'queue.changed', siteId: c.siteId });
    const conversation = c;
    const answered = plan && result.reply ? { decision: plan.decision, reply: result.reply } : null;
    return { message, followUp: () => this.answer(conversation, m.text, locale, answered) };
  }

  /**
   * The bot's turn for a visitor message, handing over when the bot says so. `answered`: the answer was stored
   * with the message and only needs publishing (after the ack, so the visitor sees their ack first).
   */
  private async answer(c: Conversation, text: string, locale: string | undefined, answered: { decision: BotDecision; reply: WireMessage } | null): Promise<void> {
    if (answered) this.core.publishMessage(answered.reply);
    const decision = answered ? answered.decision : await botTurn(this.core, this.bot, c, text, locale, this.trust);
    if (decision?.kind === 'escalate' && decision.mode === 'start') {
      await this.escalate(c.id, decision.reason, BOT, { articleId: decision.article?.id ?? null });
    }
  }

  /** Hands the conversation to people: the queue when someone is available, a ticket otherwise. */
  escalate(conversationId: string, reason: EscalationReason, actor: Actor, data: { articleId?: string | null } = {}): Promise<Conversation> {
    return this.handover.escalate(conversationId, reason, actor, data);
  }

  async requestHuman(visitor: Visitor, site: Site, watch: (c: Conversation) => void = () => {}): Promise<Conversation> {
    const c = await this.currentOrNew(visitor, site);
    watch(c);
    return this.escalate(c.id, 'asked_for_human', visitorActor(visitor));
  }

  /** "Did that help?" on a bot answer; "no" hands over. Only answers in the visitor's own conversation count. */
  async feedback(visitor: Visitor, site: Site, f: { articleId: string; messageSeq: number; helpful: boolean }): Promise<void> {
    const c = await this.current(visitor, site);
    const answered = c && (await this.store.messages.bySeq(c.id, f.messageSeq));
    if (!c || !answered || answered.bot?.type !== 'answer' || answered.bot.article.id !== f.articleId) {
      throw new AppError('not_found', 'no such answer in this conversation');
    }
    const given = (await this.store.events.forConversation(c.id)).some((e) => e.type === 'bot.feedback' && e.data.messageSeq === f.messageSeq);
    if (given) return;
    await this.store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'bot.feedback', actorType: 'visitor', actorId: visitor.id, data: { articleId: f.articleId, messageSeq: f.messageSeq, helpful: f.helpful } });
    if (f.helpful) await this.store.conversations.setUnhelpfulRounds(c.id, 0);
    else {
      await this.trust?.strike({ siteId: c.siteId, conversationId: c.id, messageSeq: f.messageSeq, articleId: f.articleId, source: 'visitor_unhelpful', actorId: visitor.id });
      await this.escalate(c.id, 'negative_feedback', visitorActor(visitor), { articleId: f.articleId });
    }
  }

  /**
   * The visitor picked a suggestion: the bot shows that article as its answer. A pick means the suggestions
   * helped, so the run of unhelpful rounds ends here (else the next question would go straight to a person).
   */
  async choose(visitor: Visitor, site: Site, articleId: string): Promise<void> {
    const c = await this.current(visitor, site);
    const article = this.bot.article(articleId);
    if (!c || !article) throw new AppError('not_found', 'no such article');
    const shown = await this.core.botMessage(c.id, { type: 'answer', article: toCard(article), confidence: 1 }, {
      unhelpfulRounds: 0,
      event: { siteId: c.siteId, type: 'bot.choice', actorType: 'visitor', actorId: visitor.id, data: { articleId } },
    });
    if (!shown) throw new AppError('invalid_state', 'this conversation is too long; please start a new one');
  }

  async csat(visitor: Visitor, site: Site, f: { conversationId: string; rating: number; comment?: string }): Promise<void> {
    const c = await this.owned(visitor, site, f.conversationId);
    if (c.status !== 'resolved') throw new AppError('invalid_state', 'a chat can be rated once it is resolved');
    const rated = (await this.store.events.forConversation(c.id)).some((e) => e.type === 'csat.submitted');
    if (rated) throw new AppError('invalid_state', 'this chat was already rated');
    await this.store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'csat.submitted', actorType: 'visitor', actorId: visitor.id, data: { rating: f.rating, comment: f.comment ?? null, agentId: c.agentId } });
  }

  /** The optional NPS question after a resolved chat (see nps.ts): a check returns whether to ask. */
  nps(visitor: Visitor, site: Site, f: VisitorNps): Promise<boolean | null> {
    return handleNps(this.store, this, visitor, site, f);
  }

  /**
   * Unverified user ids are kept as claims; a valid hash marks the visitor verified. The database
   * decides atomically (see VisitorRepo.identify): a claim never changes a verified identity.
   * `becameVerified` is true only for the identify that verified the visitor.
   */
  async identify(visitor: Visitor, site: Site, identity: Identity): Promise<{ visitor: Visitor; becameVerified: boolean }> {
    const verified = Boolean(identity.userId && identity.userHash && verifyUserHash(identity.userId, identity.userHash, site));
    if (identity.userId && !verified && site.settings.requireVerification) throw new AppError('forbidden', 'this site requires a verified userHash with userId');
    const outcome = await this.store.visitors.identify(visitor.id, {
      name: identity.name,
      email: identity.email,
      userId: identity.userId ?? null,
      verified,
      attributes: identity.attributes,
      maxAttributes: LIMITS.attributeCount,
    });
    if (outcome.ok) return { visitor: outcome.visitor, becameVerified: outcome.becameVerified };
    if (outcome.reason === 'identity_locked') throw new AppError('forbidden', 'a verified visitor cannot change user id');
    if (outcome.reason === 'too_many_attributes') throw new AppError('bad_request', `a visitor holds at most ${LIMITS.attributeCount} attributes in total`);
    throw new AppError('not_found', 'visitor not found');
  }

  /** No one is available: the message becomes a ticket agents see in the console. */
  async leaveMessage(visitor: Visitor, site: Site, m: { id: string; email: string; name?: string; text: string }, watch: (c: Conversation) => void = () => {}): Promise<WireMessage> {
    await this.mayChat(visitor, site);
    await this.store.visitors.identify(visitor.id, { email: m.email, name: m.name, verified: false });
    const c = await this.currentOrNew(visitor, site);
    watch(c);
    const { message, duplicate } = await this.core.postRequired(c.id, { id: m.id, author: 'visitor', actor: visitorActor(visitor), text: m.text });
    if (duplicate) return message;
    if (c.status !== 'offline') {
      await this.core.transition(c.id, { to: 'offline', from: ['bot', 'queued', 'resolved'], agentId: null, event: { type: 'conversation.offline', actor: visitorActor(visitor), data: {} } });
    }
    await this.store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'ticket.created', actorType: 'visitor', actorId: visitor.id, data: { email: m.email } });
    this.core.bus.publish(topics.console, { kind: 'conversation.updated', conversationId: c.id, agentId: null });
    return message;
  }

  /**
   * The visitor is on a page: SPA navigation (visitor.page) or a new page load of a multi-page site
   * (the hello of its socket). A page other than the conversation's current one is recorded and
   * reaches the consoles that have the conversation open.
   */
  async page(visitor: Visitor, site: Site, context: VisitorContext): Promise<void> {
    await this.store.visitors.touch(visitor.id, context);
    await this.pageOf(await this.current(visitor, site), context);
  }

  /** The page a hello came from, once `authenticate` has stored it on the visitor and the welcome has read `c`. */
  async pageOf(c: Conversation | null, context: VisitorContext): Promise<void> {
    if (!c || c.status === 'resolved' || (c.context?.url === context.url && c.context.title === context.title)) return;
    await notePageView(this.core, c, context);
  }

  typing(c: Conversation, typing: boolean): void {
    this.core.bus.publish(topics.conversation(c.id), { kind: 'typing', conversationId: c.id, from: 'visitor', typing, name: null });
  }
}
