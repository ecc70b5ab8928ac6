import { z } from 'zod';
import { EntityId, Seq, WireMessage } from '../common';

/** "Load earlier": the page of messages just before `beforeSeq`. */
export const AgentHistory = z.object({ type: z.literal('agent.history'), conversationId: EntityId, beforeSeq: Seq });
export type AgentHistory = z.infer<typeof AgentHistory>;

/** One page of earlier messages, oldest first; `earlier` means older ones remain. */
export const HistoryPage = z.object({
  type: z.literal('history'),
  conversationId: z.string(),
  messages: z.array(WireMessage),
  earlier: z.boolean(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;
