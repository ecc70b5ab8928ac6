import { z } from 'zod';
import { VisitorContext } from '../common';

/** The visitor of a conversation the agent has open moved to another page (a page load or SPA navigation). */
export const ConversationPage = z.object({
  type: z.literal('conversation.page'),
  conversationId: z.string(),
  page: z.object({ url: z.string(), title: z.string(), at: z.number() }),
  context: VisitorContext,
});
export type ConversationPage = z.infer<typeof ConversationPage>;
