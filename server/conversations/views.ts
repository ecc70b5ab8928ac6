import type { ConversationDetail, ConversationSummary, QueueItem } from '../../shared/protocol/index';
import { LIMITS } from '../../shared/limits';
import type { Store } from '../store/store';
import type { Conversation } from '../store/types';
import { storedType } from './events';
import { visitorLabel } from './visitor-label';

/** Builds the console's views of conversations from the store. */
export async function summaries(store: Store, conversations: Conversation[]): Promise<ConversationSummary[]> {
  if (conversations.length === 0) return [];
  const ids = conversations.map((c) => c.id);
  const visitorIds = [...new Set(conversations.map((c) => c.visitorId))];
  const [lastTexts, agents, visitors, presence] = await Promise.all([
    store.messages.lastVisitorText(ids),
    store.agents.all(),
    store.visitors.byIds(visitorIds),
    store.visitorPresence.of(visitorIds),
  ]);
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  const visitorName = new Map(visitors.map((v) => [v.id, v.name ?? v.email]));
  const labels = new Map(visitors.map((v) => [v.id, visitorLabel(v)]));
  return conversations.map((c) => ({
    id: c.id,
    status: c.status,
    visitorName: visitorName.get(c.visitorId) ?? null,
    visitorLabel: labels.get(c.visitorId),
    agentId: c.agentId,
    agentName: c.agentId ? (agentName.get(c.agentId) ?? null) : null,
    reason: c.escalationReason,
    lastMessage: preview(lastTexts.get(c.id) ?? null),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    visitorOnline: presence.get(c.visitorId)?.online ?? false,
    ...(presence.has(c.visitorId) ? { visitorLastSeenAt: presence.get(c.visitorId)!.lastSeenAt } : {}),
  }));
}

/** A preview, not the message: summaries stay small however long the visitor wrote. */
function preview(text: string | null): string | null {
  return text !== null && text.length > LIMITS.previewChars ? `${text.slice(0, LIMITS.previewChars - 1)}…` : text;
}

/** The first page of the queue (longest waiting first) and how many wait in all. */
export async function queuePage(store: Store): Promise<{ items: QueueItem[]; total: number }> {
  const queued = await store.conversations.queue(null);
  return { items: await queueItems(store, queued.slice(0, LIMITS.summaryPage)), total: queued.length };
}

export async function queueItems(store: Store, queued: Conversation[]): Promise<QueueItem[]> {
  const list = await summaries(store, queued);
  return queued.map((c, i) => ({
    conversationId: c.id,
    visitorName: list[i]!.visitorName,
    visitorLabel: list[i]!.visitorLabel,
    reason: c.escalationReason,
    lastMessage: list[i]!.lastMessage,
    queuedAt: c.queuedAt ?? c.updatedAt,
    pageUrl: c.context?.url ?? null,
  }));
}

export async function detail(store: Store, c: Conversation): Promise<ConversationDetail> {
  const visitor = await store.visitors.byId(c.visitorId);
  if (!visitor) throw new Error(`conversation ${c.id} has no visitor`);
  const related = await store.visitors.sameUser(visitor.id);
  const [[summary], events, previous] = await Promise.all([
    summaries(store, [c]),
    store.events.forConversation(c.id),
    store.conversations.forVisitors([...new Set([visitor.id, ...related])]),
  ]);
  // The latest page views and events only: a long visit must not outgrow the frame that carries it.
  const pages = events
    .filter((e) => e.type === 'page.viewed')
    .slice(-LIMITS.detailPages)
    .map((e) => ({ url: e.data.url, title: e.data.title, at: e.createdAt }));
  return {
    ...summary!,
    visitor: {
      id: visitor.id,
      name: visitor.name,
      email: visitor.email,
      userId: visitor.userId,
      verified: visitor.verified,
      attributes: visitor.attributes,
    },
    context: c.context ?? visitor.context,
    pages,
    events: events.slice(-LIMITS.detailEvents).map((e) => ({ type: storedType(e), actor: e.actorType, reason: e.reason, at: e.createdAt })),
    feedback: events
      .filter((e) => e.type === 'bot.feedback')
      .map((e) => ({ messageSeq: e.data.messageSeq, articleId: e.data.articleId, helpful: e.data.helpful, at: e.createdAt })),
    previous: await summaries(store, previous.filter((p) => p.id !== c.id)),
  };
}
