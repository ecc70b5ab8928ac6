import { z } from 'zod';

export const AgentTypingToVisitor = z.object({ type: z.literal('typing'), typing: z.boolean(), name: z.string().nullable() });
export type AgentTypingToVisitor = z.infer<typeof AgentTypingToVisitor>;
