import { z } from 'zod';
import { LIMITS } from '../../limits';
import { ClientId } from '../common';

/** "Email me this transcript": to the address given here, else the one the visitor already gave. */
export const VisitorTranscript = z.object({
  type: z.literal('visitor.transcript'),
  id: ClientId,
  email: z.email('a valid email address is needed').max(LIMITS.emailChars).optional(),
});
export type VisitorTranscript = z.infer<typeof VisitorTranscript>;
