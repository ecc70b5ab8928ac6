import { z } from 'zod';
import { ClientId, EMPTY_MESSAGE, EntityId, FileId, SendText, textOrAttachment } from '../common';

/** An agent's reply, optionally carrying a file they uploaded; text may be empty only with an attachment. */
export const AgentSend = z
  .object({ type: z.literal('agent.send'), id: ClientId, conversationId: EntityId, text: SendText, attachment: FileId.optional() })
  .refine(textOrAttachment, EMPTY_MESSAGE);
export type AgentSend = z.infer<typeof AgentSend>;
