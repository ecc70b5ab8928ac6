import { z } from 'zod';
import { multilineText } from '../../text';
import { ClientId, EntityId } from '../common';

/** Satisfaction rating after an agent resolved the chat. */
export const VisitorCsat = z.object({
  type: z.literal('visitor.csat'),
  id: ClientId,
  conversationId: EntityId,
  rating: z.number().int().min(1).max(5),
  comment: multilineText().trim().max(1_000).optional(),
});
export type VisitorCsat = z.infer<typeof VisitorCsat>;
