import { z } from 'zod';
import { lineText, multilineText } from '../../text';
import { LIMITS } from '../../limits';

const AttributeValue = z.union([multilineText().max(LIMITS.attributeValueChars), z.number(), z.boolean(), z.null()]);

/** What the host site knows about the visitor; `userHash` proves `userId` (HMAC-SHA256 with the site secret). */
export const Identity = z.object({
  name: lineText().trim().max(LIMITS.nameChars).optional(),
  email: z.email().max(LIMITS.emailChars).optional(),
  userId: lineText().min(1).max(200).optional(),
  userHash: z.string().regex(/^[0-9a-f]{64}$/i, 'userHash must be a hex HMAC-SHA256').optional(),
  attributes: z
    .record(lineText().min(1).max(64), AttributeValue)
    .refine((a) => Object.keys(a).length <= LIMITS.attributeCount, `at most ${LIMITS.attributeCount} attributes`)
    .optional(),
});
export type Identity = z.infer<typeof Identity>;

export const VisitorIdentify = z.object({ type: z.literal('visitor.identify'), identity: Identity });
export type VisitorIdentify = z.infer<typeof VisitorIdentify>;
