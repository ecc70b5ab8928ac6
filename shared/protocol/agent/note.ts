import { z } from 'zod';
import { ClientId, EntityId, MessageText } from '../common';

/** Internal note: stored with the conversation, never delivered to the visitor. */
export const AgentNote = z.object({ type: z.literal('agent.note'), id: ClientId, conversationId: EntityId, text: MessageText });
export type AgentNote = z.infer<typeof AgentNote>;
