import { z } from 'zod';
import { ClientId, EntityId } from '../common';

/** Take a queued chat. Exactly one of several concurrent claims wins; the others get `already_claimed`. */
export const AgentClaim = z.object({ type: z.literal('agent.claim'), id: ClientId, conversationId: EntityId });
export type AgentClaim = z.infer<typeof AgentClaim>;
