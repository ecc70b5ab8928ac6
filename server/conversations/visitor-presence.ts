import { randomUUID } from 'node:crypto';
import { topics } from '../bus/bus';
import type { Conversation, Site, Visitor } from '../store/types';
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

  /** The id the presence row is written under, for a hello that writes it with the visit (`VisitorService.authenticate`). */
  get id(): string {
    return this.connectionId;
  }

  /**
   * The hello wrote this socket's row (under `id`) with the visit; `c` is the visitor's conversation the welcome
   * read, announced to the consoles. A socket that closed meanwhile has its row removed now.
   */
  connected(visitor: Visitor, c: Conversation | null): Promise<void> {
    if (this.visitor) return this.chain;
    this.visitor = visitor;
    this.lastWrite = Date.now();
    if (this.closed) {
      this.closed = false;
      return this.disconnected();
    }
    if (c) this.services.bus.publish(topics.console, { kind: 'conversation.updated', conversationId: c.id, agentId: c.agentId });
    return this.chain;
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
