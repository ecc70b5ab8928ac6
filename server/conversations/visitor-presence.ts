import { randomUUID } from 'node:crypto';
import { topics } from '../bus/bus';
import type { Site, Visitor } from '../store/types';
import type { Services } from '../services';

/** Heartbeats reach the database at most this often per socket; the stale limit is several times longer. */
const HEARTBEAT_WRITE_MS = 20_000;

/**
 * One widget socket's part in the visitor's presence. Consoles hear only the edges (first tab
 * opened, last tab closed) as a `conversation.updated` of the visitor's current conversation.
 */
export class VisitorPresenceTracker {
  private readonly connectionId = randomUUID();
  private visitor: Visitor | null = null;
  private closed = false;
  private lastWrite = 0;
  /** Writes run in order, so a socket that closes while its connect is written is still removed. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    private readonly site: Site,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  connected(visitor: Visitor): Promise<void> {
    if (this.visitor || this.closed) return this.chain;
    this.visitor = visitor;
    this.lastWrite = Date.now();
    return this.run(async () => {
      await this.services.store.visitorPresence.connect(this.connectionId, visitor.id);
      await this.announce(visitor);
    });
  }

  heartbeat(): Promise<void> {
    const visitor = this.visitor;
    if (!visitor || this.closed || Date.now() - this.lastWrite < HEARTBEAT_WRITE_MS) return this.chain;
    this.lastWrite = Date.now();
    return this.run(() => this.services.store.visitorPresence.heartbeat(this.connectionId, visitor.id));
  }

  disconnected(): Promise<void> {
    this.closed = true;
    const visitor = this.visitor;
    if (!visitor) return this.chain;
    return this.run(async () => {
      const stillHere = await this.services.store.visitorPresence.disconnect(this.connectionId, visitor.id);
      if (!stillHere) await this.announce(visitor);
    });
  }

  /** Presence is advisory: a failed write is logged and never fails the visitor's frame. */
  private run(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((e: unknown) => this.log.warn({ err: e }, 'visitor presence not recorded'));
    return this.chain;
  }

  private async announce(visitor: Visitor): Promise<void> {
    const c = await this.services.visitors.current(visitor, this.site);
    if (c) this.services.bus.publish(topics.console, { kind: 'conversation.updated', conversationId: c.id, agentId: c.agentId });
  }
}
