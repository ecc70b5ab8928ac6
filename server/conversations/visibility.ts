import type { Store } from '../store/store';
import type { Agent, Conversation } from '../store/types';

/**
 * The one rule for who may see a conversation, used by the agent service (open, note, write) and
 * by the agent socket (every forwarded update and message). Admins see everything; agents see the
 * queue, open tickets, their own chats and the other conversations of the visitors they hold now.
 * A disabled agent sees nothing.
 */
export async function mayRead(store: Store, agent: Agent, c: Conversation): Promise<boolean> {
  if (agent.disabled) return false;
  if (agent.role === 'admin' || c.agentId === agent.id || c.status === 'queued' || c.status === 'offline') return true;
  const mine = await store.conversations.assignedTo(agent.id);
  return mine.some((m) => m.visitorId === c.visitorId);
}
