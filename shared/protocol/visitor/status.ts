import { z } from 'zod';
import { ConversationStatus } from '../common';

/** The conversation changed state: waiting (with queue position), an agent joined, resolved… */
export const VisitorStatus = z.object({
  type: z.literal('status'),
  conversationId: z.string(),
  status: ConversationStatus,
  queuePosition: z.number().int().nullable(),
  agentName: z.string().nullable(),
  agentsOnline: z.boolean(),
});
export type VisitorStatus = z.infer<typeof VisitorStatus>;
