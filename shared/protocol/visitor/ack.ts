import { z } from 'zod';
import { Seq } from '../common';

/** The frame with client id `id` is stored; `seq` is its place in the conversation. */
export const Ack = z.object({ type: z.literal('ack'), id: z.string(), conversationId: z.string(), seq: Seq });
export type Ack = z.infer<typeof Ack>;
