import type { VisitorContext } from '../../shared/protocol/index';
import { topics } from '../bus/bus';
import type { Conversation } from '../store/types';
import type { ConversationCore } from './core';

/** The event of a page the visitor is on. */
export const pageViewed = (visitorId: string, context: VisitorContext, at: Date) =>
  ({ type: 'page.viewed', actorType: 'visitor', actorId: visitorId, data: { url: context.url, title: context.title }, at }) as const;

/** A page other than the conversation's current one: kept as its context, recorded, and shown to the consoles that have it open. */
export async function notePageView(core: ConversationCore, c: Conversation, context: VisitorContext): Promise<void> {
  await core.store.conversations.setContext(c.id, context);
  const at = new Date();
  await core.store.events.record({ siteId: c.siteId, conversationId: c.id, ...pageViewed(c.visitorId, context, at) });
  core.bus.publish(topics.conversation(c.id), { kind: 'page', conversationId: c.id, page: { url: context.url, title: context.title, at: at.getTime() }, context });
  core.bus.publish(topics.console, { kind: 'conversation.updated', conversationId: c.id, agentId: c.agentId });
}
