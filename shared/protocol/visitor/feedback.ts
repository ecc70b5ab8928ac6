import { z } from 'zod';
import { lineText } from '../../text';
import { ClientId } from '../common';

/** Whether a bot answer helped. `helpful: false` hands the chat to a person. */
export const VisitorFeedback = z.object({
  type: z.literal('visitor.feedback'),
  id: ClientId,
  articleId: lineText().min(1).max(200),
  /** The seq of the bot message the feedback is about. */
  messageSeq: z.number().int().positive(),
  helpful: z.boolean(),
});
export type VisitorFeedback = z.infer<typeof VisitorFeedback>;
