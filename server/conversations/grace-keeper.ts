import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services';
import { Lease } from '../store/lease';
import { CONNECTION_STALE_MS } from './availability';

/**
 * Returns the chats of agents whose consoles have all been gone for longer than the grace
 * period. It works from the store, so it is correct with any number of nodes and after restarts;
 * one node sweeps for the cluster (a lease in the database), the others stand by to take over.
 */
export class GraceKeeper {
  private timer: NodeJS.Timeout | null = null;
  private readonly lease: Lease;

  constructor(
    private readonly services: Services,
    private readonly graceMs: number,
    private readonly log: FastifyBaseLogger,
    private readonly everyMs = Math.min(5_000, Math.max(250, graceMs / 4)),
  ) {
    // Three missed rounds and another node takes over.
    this.lease = new Lease(services.store.db, 'grace-sweep', everyMs * 3);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.lease.release().catch(() => {});
  }

  async sweep(): Promise<number> {
    try {
      const { store, agents } = this.services;
      if (!(await this.lease.held())) return 0;
      let returned = 0;
      for (const agentId of await store.agents.goneWithChats(this.graceMs, Math.min(CONNECTION_STALE_MS, this.graceMs + 30_000))) {
        returned += (await agents.returnChatsOf(agentId)).length;
      }
      if (returned > 0) this.log.info({ returned }, 'returned chats of disconnected agents to the queue');
      await store.agents.sweepConnections(CONNECTION_STALE_MS * 2);
      return returned;
    } catch (e) {
      this.log.warn({ err: e }, 'grace sweep failed');
      return 0;
    }
  }
}
