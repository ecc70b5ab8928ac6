import { z } from 'zod';
import { lineText } from '../../text';
import { EntityId, Seq, VisitorContext } from '../common';

/** First frame on /ws/visitor. Without a token the server creates a new visitor. */
export const VisitorHello = z.object({
  type: z.literal('visitor.hello'),
  protocol: z.number().int(),
  token: lineText().max(512).nullable(),
  /** The conversation the client holds; if the server's current one differs, it replays from the start. */
  conversationId: EntityId.nullable().optional(),
  /** Highest seq the client holds for that conversation; everything after it is replayed. */
  lastSeq: Seq.default(0),
  context: VisitorContext,
  locale: lineText().max(35).optional(),
});
export type VisitorHello = z.infer<typeof VisitorHello>;
