import type { EscalationReason } from '../../shared/protocol/index';
import { topics } from '../bus/bus';
import { isOpen } from '../sites/business-hours';
import type { Agent, Conversation, Site } from '../store/types';
import type { AgentService } from './agent-service';
import type { ArticleTrust } from './article-trust';
import { availableAgents, staffed } from './availability';
import type { Actor, ConversationCore } from './core';

/**
 * Who takes a conversation from the bot or from a resolve: the queue when someone is available, a ticket
 * otherwise, or back to the agent who resolved it when they can take it now.
 */
export class Handover {
  constructor(
    private readonly core: ConversationCore,
    private readonly agents: AgentService,
    /** Live feedback lowers the bot's trust in articles (optional: without it the bot does not learn). */
    private readonly trust?: ArticleTrust,
  ) {}

  private get store() {
    return this.core.store;
  }

  /** Hands the conversation to people: the queue when someone is available, a ticket otherwise. */
  async escalate(conversationId: string, reason: EscalationReason, actor: Actor, data: { articleId?: string | null } = {}): Promise<Conversation> {
    const c = await this.core.requireConversation(conversationId);
    if (c.status === 'queued' || c.status === 'assigned' || c.status === 'offline') return c;
    const site = await this.store.sites.byId(c.siteId);
    const online = site !== undefined && (await staffed(this.store, site));
    const escalated = await this.core.transition(c.id, {
      to: online ? 'queued' : 'offline',
      from: ['bot', 'resolved'],
      agentId: null,
      reason,
      system: { event: online ? 'escalated' : 'offline', name: null },
      event: { type: 'conversation.escalated', actor, reason, data: { ...data, outcome: online ? 'queued' : 'offline' } },
    });
    if (escalated.status === 'queued') await this.agents.autoAssign(escalated);
    if (reason === 'asked_for_human') await this.handoverAfterAnswer(c);
    return escalated;
  }

  /**
   * A message after a resolve (within the reopen window): back to the agent who resolved it when they can
   * take it now (open hours, online); otherwise to the queue, or a ticket when no one is available.
   */
  async reopen(c: Conversation, actor: Actor, site: Site): Promise<Conversation> {
    const resolver = await this.resolverIfAvailable(c, site);
    if (resolver) {
      const back = await this.core.transition(c.id, {
        to: 'assigned',
        from: ['resolved'],
        agentId: resolver.id,
        system: { event: 'agent_joined', name: resolver.name },
        event: { type: 'conversation.reopened', actor, data: { agentId: resolver.id } },
      });
      this.core.bus.publish(topics.agent(resolver.id), { kind: 'conversation.updated', conversationId: c.id, agentId: resolver.id });
      return back;
    }
    const online = await staffed(this.store, site);
    return this.core.transition(c.id, {
      to: online ? 'queued' : 'offline',
      from: ['resolved'],
      agentId: null,
      system: { event: online ? 'escalated' : 'offline', name: null },
      event: { type: 'conversation.reopened', actor, data: {} },
    });
  }

  private async resolverIfAvailable(c: Conversation, site: Site): Promise<Agent | null> {
    const resolved = (await this.store.events.forConversation(c.id)).filter((e) => e.type === 'conversation.resolved').at(-1);
    const id = resolved?.actorType === 'agent' ? resolved.actorId : c.agentId;
    if (!id || !isOpen(site.settings.businessHours, new Date())) return null;
    return (await availableAgents(this.store)).find((a) => a.id === id) ?? null;
  }

  /**
   * A person asked for right after a bot answer (nothing but that request in between) says the
   * answer did not do it: a weaker signal than "No, that didn't help", weighed as such.
   */
  private async handoverAfterAnswer(c: Conversation): Promise<void> {
    if (!this.trust) return;
    const recent = await this.store.messages.after(c.id, Math.max(0, c.lastSeq - 3), 4, false);
    // The bot's own "let me get you a person" reply to a typed request is not what was answered.
    const last = [...recent].reverse().filter((m) => m.author !== 'system' && m.bot?.type !== 'escalate');
    const answer = last[0]?.author === 'visitor' ? last[1] : last[0];
    if (answer?.author !== 'bot' || answer.bot?.type !== 'answer') return;
    await this.trust.strike({ siteId: c.siteId, conversationId: c.id, messageSeq: answer.seq, articleId: answer.bot.article.id, source: 'handover_after_answer', actorId: c.visitorId });
  }
}
