import { z } from 'zod';
import { EntityId } from '../common';

export const AgentTyping = z.object({ type: z.literal('agent.typing'), conversationId: EntityId, typing: z.boolean() });
export type AgentTyping = z.infer<typeof AgentTyping>;

/** The visitor is typing in a conversation the agent has open. */
export const VisitorTypingToAgent = z.object({ type: z.literal('typing'), conversationId: z.string(), typing: z.boolean() });
export type VisitorTypingToAgent = z.infer<typeof VisitorTypingToAgent>;
