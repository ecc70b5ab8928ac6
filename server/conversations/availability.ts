import type { Store } from '../store/store';
import { isOpen } from '../sites/business-hours';
import type { Agent, Site } from '../store/types';

/** A console connection without a heartbeat for this long no longer counts (crashed tab or node). */
export const CONNECTION_STALE_MS = 60_000;

/** Who can take chats right now: a live console, presence online, not disabled. Computed from the store. */
export async function availableAgents(store: Store): Promise<Agent[]> {
  const [connected, agents] = await Promise.all([store.agents.connected(CONNECTION_STALE_MS), store.agents.all()]);
  return agents.filter((a) => connected.has(a.id) && a.presence === 'online' && !a.disabled);
}

export async function presenceOf(store: Store): Promise<Map<string, 'online' | 'away' | 'offline'>> {
  const [connected, agents] = await Promise.all([store.agents.connected(CONNECTION_STALE_MS), store.agents.all()]);
  return new Map(agents.map((a) => [a.id, connected.has(a.id) && !a.disabled ? a.presence : 'offline']));
}

/** Whether a chat handed over now would reach a person: within business hours and someone available. */
export async function staffed(store: Store, site: Site, at = new Date()): Promise<boolean> {
  return isOpen(site.settings.businessHours, at) && (await availableAgents(store)).length > 0;
}
