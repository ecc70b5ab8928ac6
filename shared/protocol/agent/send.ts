import { z } from 'zod';
import { ClientId, EntityId, MessageText } from '../common';

export const AgentSend = z.object({ type: z.literal('agent.send'), id: ClientId, conversationId: EntityId, text: MessageText });
export type AgentSend = z.infer<typeof AgentSend>;
