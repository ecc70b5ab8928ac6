import type { Store } from '../store/store';
import type { Agent, Conversation } from '../store/types';

/**
 * The one rule for who may see a conversation, used by the agent service (open, note, write) and
 * by the live feed (every forwarded update and message). Admins see everything; agents see the
 * queue, open tickets, their own chats and the other conversations of the visitors they hold now.
 * A disabled agent sees nothing.
 *
 * `holders` says which agents hold an assigned chat of the conversation's visitor; it is asked for
 * only when the rest of the rule does not decide, so the feed loads it once per change for all sockets.
 */
export async function mayReadGiven(agent: Agent, c: Conversation, holders: () => Promise<ReadonlySet<string>>): Promise<boolean> {
  if (agent.disabled) return false;
  if (agent.role === 'admin' || c.agentId === agent.id || c.status === 'queued' || c.status === 'offline') return true;
  return (await holders()).has(agent.id);
}

export function mayRead(store: Store, agent: Agent, c: Conversation): Promise<boolean> {
  return mayReadGiven(agent, c, () => store.conversations.holdersOf(c.visitorId));
}
