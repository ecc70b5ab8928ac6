import { z } from 'zod';
import { WireMessage } from '../common';
import { ConversationDetail, ConversationSummary } from './views';

/** Answer to agent.open: the full story, notes included. */
export const ConversationFrame = z.object({
  type: z.literal('conversation'),
  conversation: ConversationDetail,
  messages: z.array(WireMessage),
});
export type ConversationFrame = z.infer<typeof ConversationFrame>;

/** A conversation the agent can see changed state (claimed, transferred, resolved…). */
export const ConversationUpdated = z.object({ type: z.literal('conversation.updated'), conversation: ConversationSummary });
export type ConversationUpdated = z.infer<typeof ConversationUpdated>;
