import { z } from 'zod';
import { multilineText } from '../../text';
import { ClientId, EntityId } from '../common';

/** Hand a chat to another agent, or back to the queue when `toAgentId` is null. */
export const AgentTransfer = z.object({
  type: z.literal('agent.transfer'),
  id: ClientId,
  conversationId: EntityId,
  toAgentId: EntityId.nullable(),
  note: multilineText().trim().max(1_000).optional(),
});
export type AgentTransfer = z.infer<typeof AgentTransfer>;
