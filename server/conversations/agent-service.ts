import { attachFile } from '../files/file-service';
import { AppError } from '../../shared/errors';
import type { ConversationDetail, WireMessage } from '../../shared/protocol/index';
import { topics } from '../bus/bus';
import type { Agent, Conversation, Site } from '../store/types';
import { availableAgents } from './availability';
import { SYSTEM, type Actor, type ConversationCore } from './core';
import { pageBefore } from './pages';
import { detail } from './views';
import { mayRead } from './visibility';

const agentActor = (a: Agent): Actor => ({ type: 'agent', id: a.id, name: a.name, avatarUrl: a.avatarUrl });

/** Everything an agent can do, with the checks that keep them to conversations they may see. */
export class AgentService {
  /** Runs after an agent's reply is stored (email to the visitor); it must not throw. */
  afterReply: (c: Conversation, m: WireMessage) => Promise<void> = async () => {};

  constructor(private readonly core: ConversationCore) {}

  private get store() {
    return this.core.store;
  }

  /** See `mayRead`: the one rule, shared with the agent socket. */
  canRead(agent: Agent, c: Conversation): Promise<boolean> {
    return mayRead(this.store, agent, c);
  }

  /** Writing needs the chat to be yours (admins too: they claim first), or an open ticket. */
  private canWrite(agent: Agent, c: Conversation): boolean {
    return (c.status === 'assigned' && c.agentId === agent.id) || c.status === 'offline';
  }

  private async writable(agent: Agent, conversationId: string): Promise<Conversation> {
    const c = await this.core.requireConversation(conversationId);
    if (!(await this.canRead(agent, c))) throw new AppError('not_found', 'conversation not found');
    if (!this.canWrite(agent, c)) throw new AppError('forbidden', c.status === 'queued' ? 'claim the chat before writing' : 'this chat is not assigned to you');
    return c;
  }

  /** The detail and the latest page of messages; older pages come from `history`. */
  async open(agent: Agent, conversationId: string): Promise<{ conversation: ConversationDetail; messages: WireMessage[]; earlier: boolean }> {
    const c = await this.core.requireConversation(conversationId);
    if (!(await this.canRead(agent, c))) throw new AppError('not_found', 'conversation not found');
    const [conversation, page] = await Promise.all([detail(this.store, c), pageBefore(this.store, c.id, null, true)]);
    return { conversation, ...page };
  }

  /** "Load earlier": the page just before `beforeSeq`. */
  async history(agent: Agent, conversationId: string, beforeSeq: number): Promise<{ messages: WireMessage[]; earlier: boolean }> {
    const c = await this.core.requireConversation(conversationId);
    if (!(await this.canRead(agent, c))) throw new AppError('not_found', 'conversation not found');
    return pageBefore(this.store, c.id, beforeSeq, true);
  }

  /** Exactly one of several concurrent claims wins; the rest get `already_claimed`. */
  async claim(agent: Agent, conversationId: string): Promise<Conversation> {
    const c = await this.core.requireConversation(conversationId);
    if (c.status === 'assigned' && c.agentId === agent.id) return c;
    if (c.status !== 'queued') throw new AppError('already_claimed', c.status === 'assigned' ? 'another agent took this chat' : `this chat is ${c.status}`);
    return this.assign(c, agent, agentActor(agent), 'conversation.assigned');
  }

  private async assign(c: Conversation, agent: Agent, actor: Actor, eventType: 'conversation.assigned'): Promise<Conversation> {
    try {
      return await this.core.transition(c.id, {
        to: 'assigned',
        from: ['queued'],
        agentId: agent.id,
        system: { event: 'agent_joined', name: agent.name },
        event: { type: eventType, actor, data: { agentId: agent.id } },
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid_state') throw new AppError('already_claimed', 'another agent took this chat');
      throw e;
    }
  }

  /** Auto-assign mode: the least-loaded available agent under capacity gets the chat. */
  async autoAssign(c: Conversation, site?: Site): Promise<Conversation> {
    const s = site ?? (await this.store.sites.byId(c.siteId));
    if (!s || s.settings.assignMode !== 'auto' || c.status !== 'queued') return c;
    const [agents, load] = await Promise.all([availableAgents(this.store), this.store.conversations.countAssigned()]);
    const candidates = agents
      .map((a) => ({ agent: a, load: load.get(a.id) ?? 0 }))
      .filter((x) => x.load < x.agent.capacity)
      .sort((x, y) => x.load - y.load || x.agent.id.localeCompare(y.agent.id));
    for (const { agent } of candidates) {
      try {
        return await this.assign(c, agent, SYSTEM, 'conversation.assigned');
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'already_claimed')) throw e;
        return (await this.store.conversations.byId(c.id)) ?? c;
      }
    }
    return c;
  }

  async send(agent: Agent, m: { id: string; conversationId: string; text: string; attachment?: string }): Promise<WireMessage> {
    const c = await this.writable(agent, m.conversationId);
    const attachment = m.attachment ? await attachFile(this.store, m.attachment, { type: 'agent', id: agent.id }, c.siteId, c.id) : null;
    const { message, duplicate } = await this.core.postRequired(m.conversationId, { id: m.id, author: 'agent', actor: agentActor(agent), text: m.text, attachment });
    if (!duplicate) await this.afterReply(c, message);
    return message;
  }

  /** Notes are stored as kind `note`; the visitor socket and replay never deliver them. */
  async note(agent: Agent, m: { id: string; conversationId: string; text: string }): Promise<WireMessage> {
    const c = await this.core.requireConversation(m.conversationId);
    if (!(await this.canRead(agent, c))) throw new AppError('not_found', 'conversation not found');
    return (await this.core.postRequired(m.conversationId, { id: m.id, author: 'agent', actor: agentActor(agent), kind: 'note', text: m.text })).message;
  }

  async resolve(agent: Agent, conversationId: string): Promise<Conversation> {
    const c = await this.writable(agent, conversationId);
    return this.core.transition(c.id, {
      to: 'resolved',
      from: ['assigned', 'offline'],
      system: { event: 'resolved', name: agent.name },
      event: { type: 'conversation.resolved', actor: agentActor(agent), data: { agentId: c.agentId ?? agent.id } },
    });
  }

  /** To another agent (who must exist and be enabled) or back to the queue; the note stays internal. */
  async transfer(agent: Agent, t: { id: string; conversationId: string; toAgentId: string | null; note?: string }): Promise<Conversation> {
    const c = await this.writable(agent, t.conversationId);
    if (c.status !== 'assigned') throw new AppError('invalid_state', 'only an assigned chat can be transferred');
    const target = t.toAgentId ? await this.store.agents.byId(t.toAgentId) : null;
    if (t.toAgentId && (!target || target.disabled)) throw new AppError('not_found', 'no such agent');
    if (t.note) await this.core.postRequired(c.id, { id: t.id, author: 'agent', actor: agentActor(agent), kind: 'note', text: t.note });
    const moved = await this.core.transition(c.id, {
      to: target ? 'assigned' : 'queued',
      from: ['assigned'],
      agentId: target?.id ?? null,
      system: target ? { event: 'transferred', name: target.name } : { event: 'returned_to_queue', name: null },
      event: { type: target ? 'conversation.transferred' : 'conversation.returned_to_queue', actor: agentActor(agent), data: { fromAgentId: agent.id, toAgentId: target?.id ?? null, note: t.note ?? null } },
    });
    if (target) this.core.bus.publish(topics.agent(target.id), { kind: 'conversation.updated', conversationId: c.id, agentId: target.id });
    return moved.status === 'queued' ? this.autoAssign(moved) : moved;
  }

  /** After the grace period: an agent who did not come back loses their chats to the queue. */
  async returnChatsOf(agentId: string): Promise<Conversation[]> {
    const returned: Conversation[] = [];
    for (const c of await this.store.conversations.assignedTo(agentId)) {
      try {
        returned.push(
          await this.core.transition(c.id, {
            to: 'queued',
            from: ['assigned'],
            agentId: null,
            system: { event: 'returned_to_queue', name: null },
            event: { type: 'conversation.returned_to_queue', actor: SYSTEM, reason: 'agent_disconnected', data: { fromAgentId: agentId } },
          }),
        );
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'invalid_state')) throw e;
      }
    }
    return returned;
  }

  typing(agent: Agent, c: Conversation, typing: boolean): void {
    if (c.agentId !== agent.id) return;
    this.core.bus.publish(topics.conversation(c.id), { kind: 'typing', conversationId: c.id, from: 'agent', typing, name: agent.name });
  }
}
