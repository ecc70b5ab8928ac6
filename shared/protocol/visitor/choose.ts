import { z } from 'zod';
import { lineText } from '../../text';
import { ClientId } from '../common';

/** The visitor picked one of the bot's suggestions. */
export const VisitorChoose = z.object({
  type: z.literal('visitor.choose'),
  id: ClientId,
  articleId: lineText().min(1).max(200),
});
export type VisitorChoose = z.infer<typeof VisitorChoose>;
