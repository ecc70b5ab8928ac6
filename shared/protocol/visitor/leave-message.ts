import { z } from 'zod';
import { LIMITS } from '../../limits';
import { ClientId, MessageText } from '../common';

/** No agent is available: the visitor leaves a message and a way to reach them; it becomes a ticket. */
export const VisitorLeaveMessage = z.object({
  type: z.literal('visitor.leave_message'),
  id: ClientId,
  email: z.email('a valid email address is needed').max(LIMITS.emailChars),
  name: z.string().trim().max(LIMITS.nameChars).optional(),
  text: MessageText,
});
export type VisitorLeaveMessage = z.infer<typeof VisitorLeaveMessage>;
