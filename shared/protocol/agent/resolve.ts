import { z } from 'zod';
import { ClientId, EntityId } from '../common';

export const AgentResolve = z.object({ type: z.literal('agent.resolve'), id: ClientId, conversationId: EntityId });
export type AgentResolve = z.infer<typeof AgentResolve>;
