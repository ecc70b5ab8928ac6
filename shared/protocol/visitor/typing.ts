import { z } from 'zod';

export const VisitorTyping = z.object({ type: z.literal('visitor.typing'), typing: z.boolean() });
export type VisitorTyping = z.infer<typeof VisitorTyping>;
