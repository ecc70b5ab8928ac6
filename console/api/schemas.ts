import { z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import { AgentProfile, Presence } from '../../shared/protocol/index';

/** REST answers the console reads; parsed like every other input from the server. */
export const SessionResponse = z.object({ agent: AgentProfile });

export const AgentListEntry = AgentProfile.extend({ presence: Presence });
export type AgentListEntry = z.infer<typeof AgentListEntry>;
export const AgentsResponse = z.object({ agents: z.array(AgentListEntry) });

export const CannedItem = z.object({ id: z.string(), shortcut: z.string(), text: z.string() });
export const CannedResponse = z.object({ items: z.array(CannedItem) });

export const ErrorBody = z.object({ code: ErrorCode }).loose();
