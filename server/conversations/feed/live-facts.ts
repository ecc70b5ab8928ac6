import type { Store } from '../../store/store';
import type { Conversation, Site } from '../../store/types';
import { isOpen } from '../../sites/business-hours';
import { availableAgents } from '../availability';

/**
 * How long "someone is available" may be reused without an event saying it changed. Connections
 * that go stale (a node killed without a goodbye) publish nothing, so the answer is refreshed at least this often.
 */
const AVAILABLE_TTL_MS = 15_000;

/**
 * Facts derived from the store that every socket of a node shares: whether any agent can take a chat,
 * and each site's queue (for positions). Computed once per change and dropped when the bus says the
 * underlying rows changed; a reload already running when they change is not kept (it may predate the change).
 */
export class LiveFacts {
  private available: { count: Promise<number>; at: number } | null = null;
  private availableGeneration = 0;
  private readonly queues = new Map<string, Promise<Conversation[]>>();
  private queueGeneration = 0;

  constructor(private readonly store: Store) {}

  /** Agents connected, online and enabled changed (or may have: events were lost). */
  agentsChanged(): void {
    this.available = null;
    this.availableGeneration++;
  }

  /** The queue of `siteId` (every site when null) changed. */
  queueChanged(siteId: string | null): void {
    if (siteId === null) this.queues.clear();
    else this.queues.delete(siteId);
    this.queueGeneration++;
  }

  /** Whether a chat handed over now would reach a person: within business hours and someone available. */
  async agentsOnline(site: Site, at = new Date()): Promise<boolean> {
    return isOpen(site.settings.businessHours, at) && (await this.availableCount()) > 0;
  }

  /** Waiting conversations of one site, longest waiting first. */
  queue(siteId: string): Promise<Conversation[]> {
    const cached = this.queues.get(siteId);
    if (cached) return cached;
    const generation = this.queueGeneration;
    const loading = this.store.conversations.queue([siteId]);
    this.queues.set(siteId, loading);
    loading.then(
      () => generation !== this.queueGeneration && this.queues.get(siteId) === loading && this.queues.delete(siteId),
      () => this.queues.get(siteId) === loading && this.queues.delete(siteId),
    );
    return loading;
  }

  /** Queue position (1 = next) while waiting, else null. */
  async queuePosition(c: Conversation): Promise<number | null> {
    if (c.status !== 'queued') return null;
    const index = (await this.queue(c.siteId)).findIndex((q) => q.id === c.id);
    return index < 0 ? null : index + 1;
  }

  private availableCount(): Promise<number> {
    if (this.available && Date.now() - this.available.at < AVAILABLE_TTL_MS) return this.available.count;
    const generation = this.availableGeneration;
    const count = availableAgents(this.store).then((agents) => agents.length);
    const entry = { count, at: Date.now() };
    this.available = entry;
    count.then(
      () => generation !== this.availableGeneration && this.available === entry && (this.available = null),
      () => this.available === entry && (this.available = null),
    );
    return count;
  }
}
