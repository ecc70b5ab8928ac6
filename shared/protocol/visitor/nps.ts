import { z } from 'zod';
import { ClientId, EntityId } from '../common';

/**
 * The optional "how likely are you to recommend us?" (0–10) after an agent resolved the chat, or
 * after the visitor said a bot answer helped and asked nothing more (docs/METRICS.md, *NPS*).
 * Without `score` it asks whether to show the question: the ack's `nps` says yes or no (the site
 * may have it off, or this visitor was asked recently). `score: null` declines it.
 */
export const VisitorNps = z.object({
  type: z.literal('visitor.nps'),
  id: ClientId,
  conversationId: EntityId,
  score: z.number().int().min(0).max(10).nullable().optional(),
  comment: z.string().trim().max(1_000).optional(),
});
export type VisitorNps = z.infer<typeof VisitorNps>;
