import { z } from 'zod';
import { AgentProfile, ConversationSummary, QueueItem } from './views';
import { Presence } from './presence';

export const AgentWelcome = z.object({
  type: z.literal('agent.welcome'),
  protocol: z.number().int(),
  agent: AgentProfile,
  presence: Presence,
  queue: z.array(QueueItem),
  /** Chats assigned to this agent that are not resolved yet. */
  mine: z.array(ConversationSummary),
  /** Open tickets (status `offline`: left while no agent was online), the longest-waiting first page. */
  tickets: z.array(ConversationSummary),
  /** How many are waiting / open in all, when more than the page above (`LIMITS.summaryPage`). */
  queueTotal: z.number().int().optional(),
  ticketsTotal: z.number().int().optional(),
});
export type AgentWelcome = z.infer<typeof AgentWelcome>;
