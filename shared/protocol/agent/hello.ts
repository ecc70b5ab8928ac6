import { z } from 'zod';

/** First frame on /ws/agent; the session cookie authenticates the socket. */
export const AgentHello = z.object({ type: z.literal('agent.hello'), protocol: z.number().int() });
export type AgentHello = z.infer<typeof AgentHello>;
