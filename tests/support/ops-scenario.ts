import type { FastifyInstance } from 'fastify';
import type { Services } from '../../server/services';
import type { Agent, Conversation, Site, Visitor } from '../../server/store/types';
import { clientId, pageContext } from './ws-client';

/**
 * Drives the real conversation services the way the sockets do (visitor messages with the bot's
 * turn, feedback, handover, left messages; agents claiming, replying, resolving), so the ops
 * metrics are checked on histories the product itself wrote, not on rows inserted by hand.
 */
export class LiveScenario {
  private connection = 0;

  private constructor(
    readonly services: Services,
    public site: Site,
    readonly agent: Agent,
  ) {}

  /** Changes the site's settings, as an admin would, and works with the new ones from now on. */
  async settings(over: Partial<Site['settings']>): Promise<void> {
    await this.store.sites.update(this.site.id, { settings: { ...this.site.settings, ...over } });
    this.site = (await this.store.sites.byId(this.site.id))!;
  }

  static async start(app: FastifyInstance, siteKey = 'demo'): Promise<LiveScenario> {
    const services = (app as unknown as { services: Services }).services;
    const site = await services.store.sites.byKey(siteKey);
    const agent = (await services.store.agents.all()).find((a) => a.email === 'agent@demo.test');
    if (!site || !agent) throw new Error('the demo seed is missing');
    return new LiveScenario(services, site, agent);
  }

  get store() {
    return this.services.store;
  }

  /** An agent console is open (someone can take chats) or closed (handovers become tickets). */
  async staffed(on: boolean): Promise<void> {
    if (on) await this.store.agents.connect(`ops-test-${++this.connection}`, this.agent.id);
    else await this.store.agents.disconnect(`ops-test-${this.connection}`, this.agent.id);
  }

  async visitor(page = 'https://shop.example/help'): Promise<Visitor> {
    return (await this.services.visitors.authenticate(this.site, null, pageContext(page, 'Help'))).visitor;
  }

  /** A visitor message and the bot's turn after it; returns the conversation as it is then. */
  async say(v: Visitor, text: string): Promise<Conversation> {
    const { followUp } = await this.services.visitors.send(v, this.site, { id: clientId(), text }, 'en');
    await followUp();
    return (await this.services.visitors.current(v, this.site))!;
  }

  /** The seq and article of the bot's last answer in the visitor's conversation. */
  async lastAnswer(v: Visitor): Promise<{ seq: number; articleId: string }> {
    const c = (await this.services.visitors.current(v, this.site))!;
    const messages = await this.store.messages.after(c.id, 0, 1_000, false);
    const answer = messages.filter((m) => m.bot?.type === 'answer').at(-1);
    if (!answer || answer.bot?.type !== 'answer') throw new Error(`the bot gave no answer in ${c.id}`);
    return { seq: answer.seq, articleId: answer.bot.article.id };
  }

  async feedback(v: Visitor, helpful: boolean): Promise<void> {
    const a = await this.lastAnswer(v);
    await this.services.visitors.feedback(v, this.site, { articleId: a.articleId, messageSeq: a.seq, helpful });
  }

  async pick(v: Visitor, articleId: string): Promise<void> {
    await this.services.visitors.choose(v, this.site, articleId);
  }

  async askForPerson(v: Visitor): Promise<Conversation> {
    return this.services.visitors.requestHuman(v, this.site);
  }

  async leaveMessage(v: Visitor, text: string): Promise<void> {
    await this.services.visitors.leaveMessage(v, this.site, { id: clientId(), email: 'visitor@example.com', text });
  }

  /** The agent takes the chat from the queue, answers and resolves it. */
  async handle(c: Conversation, reply = 'Happy to help with that.'): Promise<void> {
    await this.services.agents.claim(this.agent, c.id);
    await this.services.agents.send(this.agent, { id: clientId(), conversationId: c.id, text: reply });
    await this.services.agents.resolve(this.agent, c.id);
  }
}
