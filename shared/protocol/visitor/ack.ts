import { z } from 'zod';
import { Seq } from '../common';

/**
 * The frame with client id `id` is stored; `seq` is its place in the conversation. `nps` only
 * answers a `visitor.nps` without a score: whether to ask the visitor the NPS question.
 */
export const Ack = z.object({ type: z.literal('ack'), id: z.string(), conversationId: z.string(), seq: Seq, nps: z.boolean().optional() });
export type Ack = z.infer<typeof Ack>;
