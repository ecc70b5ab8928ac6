import { z } from 'zod';
import { EntityId } from '../common';

/** Show a conversation: the server answers with its full detail and keeps the agent posted. */
export const AgentOpen = z.object({ type: z.literal('agent.open'), conversationId: EntityId });
export type AgentOpen = z.infer<typeof AgentOpen>;
