import { z } from 'zod';

export const Presence = z.enum(['online', 'away', 'offline']);
export type Presence = z.infer<typeof Presence>;

/** Agents set online/away themselves; offline is automatic when every tab is closed. */
export const AgentPresence = z.object({ type: z.literal('agent.presence'), status: z.enum(['online', 'away']) });
export type AgentPresence = z.infer<typeof AgentPresence>;
