import { z } from 'zod';
import { ClientId, MessageText } from '../common';

/** A visitor's chat message. Resending the same id is a no-op that returns the original ack. */
export const VisitorSend = z.object({ type: z.literal('visitor.send'), id: ClientId, text: MessageText });
export type VisitorSend = z.infer<typeof VisitorSend>;
