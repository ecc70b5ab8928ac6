import { z } from 'zod';
import { lineText } from '../../text';
import { LIMITS } from '../../limits';
import { ClientId, MessageText } from '../common';

/** No agent is available: the visitor leaves a message and a way to reach them; it becomes a ticket. */
export const VisitorLeaveMessage = z.object({
  type: z.literal('visitor.leave_message'),
  id: ClientId,
  email: z.email('a valid email address is needed').max(LIMITS.emailChars),
  name: lineText().trim().max(LIMITS.nameChars).optional(),
  text: MessageText,
});
export type VisitorLeaveMessage = z.infer<typeof VisitorLeaveMessage>;
