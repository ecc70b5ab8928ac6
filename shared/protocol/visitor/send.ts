import { z } from 'zod';
import { ClientId, EMPTY_MESSAGE, FileId, SendText, textOrAttachment } from '../common';

/**
 * A visitor's chat message, optionally carrying a file they uploaded. Resending the same id is a no-op
 * that returns the original ack. Text may be empty only when there is an attachment.
 */
export const VisitorSend = z
  .object({ type: z.literal('visitor.send'), id: ClientId, text: SendText, attachment: FileId.optional() })
  .refine(textOrAttachment, EMPTY_MESSAGE);
export type VisitorSend = z.infer<typeof VisitorSend>;
