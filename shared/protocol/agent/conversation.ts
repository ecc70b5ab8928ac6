import { z } from 'zod';
import { WireMessage } from '../common';
import { ConversationDetail, ConversationSummary } from './views';

/** Answer to agent.open: the detail and the latest page of messages, notes included. */
export const ConversationFrame = z.object({
  type: z.literal('conversation'),
  conversation: ConversationDetail,
  messages: z.array(WireMessage),
  /** True when older messages remain: ask with `agent.history`. Absent from older servers. */
  earlier: z.boolean().optional(),
});
export type ConversationFrame = z.infer<typeof ConversationFrame>;

/** A conversation the agent can see changed state (claimed, transferred, resolved…). */
export const ConversationUpdated = z.object({ type: z.literal('conversation.updated'), conversation: ConversationSummary });
export type ConversationUpdated = z.infer<typeof ConversationUpdated>;
