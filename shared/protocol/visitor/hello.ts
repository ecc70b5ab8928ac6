import { z } from 'zod';
import { Seq, VisitorContext } from '../common';

/** First frame on /ws/visitor. Without a token the server creates a new visitor. */
export const VisitorHello = z.object({
  type: z.literal('visitor.hello'),
  protocol: z.number().int(),
  token: z.string().max(512).nullable(),
  /** Highest seq the client holds for its current conversation; everything after it is replayed. */
  lastSeq: Seq.default(0),
  context: VisitorContext,
  locale: z.string().max(35).optional(),
});
export type VisitorHello = z.infer<typeof VisitorHello>;
