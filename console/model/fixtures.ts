import type { AgentProfile, ConversationDetail, ConversationSummary, QueueItem, WireMessage } from '../../shared/protocol/index';

/** Builders for tests: valid protocol objects with the fields a test cares about overridden. */
export const agentAna: AgentProfile = { id: 'ag_ana', email: 'ana@demo.test', name: 'Ana', role: 'agent' };

export function queueItem(over: Partial<QueueItem> & { conversationId: string }): QueueItem {
  return { visitorName: null, reason: 'asked_for_human', lastMessage: null, queuedAt: 1_000, pageUrl: null, ...over };
}

export function summary(over: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    status: 'assigned',
    visitorName: 'Vera',
    agentId: agentAna.id,
    agentName: agentAna.name,
    reason: 'asked_for_human',
    lastMessage: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...over,
  };
}

export function message(over: Partial<WireMessage> & { conversationId: string; seq: number }): WireMessage {
  return {
    id: `m_${over.conversationId}_${over.seq}`,
    author: 'visitor',
    authorName: null,
    kind: 'text',
    text: `message ${over.seq}`,
    bot: null,
    system: null,
    createdAt: 1_000 + over.seq,
    ...over,
  };
}

export function detail(over: Partial<ConversationDetail> & { id: string }): ConversationDetail {
  return {
    ...summary({ id: over.id }),
    visitor: { id: 'v_1', name: 'Vera', email: 'vera@example.com', userId: null, verified: false, attributes: {} },
    context: null,
    pages: [],
    events: [],
    previous: [],
    feedback: [],
    ...over,
  };
}
