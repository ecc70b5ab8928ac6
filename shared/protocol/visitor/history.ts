import { z } from 'zod';
import { EntityId, Seq, WireMessage } from '../common';

/** The next page of a replay (the welcome or the previous page said `more`): messages after `afterSeq`. */
export const VisitorHistory = z.object({ type: z.literal('visitor.history'), conversationId: EntityId, afterSeq: Seq });
export type VisitorHistory = z.infer<typeof VisitorHistory>;

/** One page of replay, oldest first; `more` means ask again from its last seq. */
export const ReplayPage = z.object({
  type: z.literal('replay'),
  conversationId: z.string(),
  messages: z.array(WireMessage),
  more: z.boolean(),
});
export type ReplayPage = z.infer<typeof ReplayPage>;
