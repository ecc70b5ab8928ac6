import type { ConversationStatus, ServerToAgent, ServerToVisitor } from '../../../shared/protocol/index';
import { topics, type Bus, type BusEvent } from '../../bus/bus';
import type { Store } from '../../store/store';
import type { Conversation, Site } from '../../store/types';
import { queuePage, summaries } from '../views';
import { mayReadGiven } from '../visibility';
import { LiveFacts } from './live-facts';
import { ready, type ReadyFrame } from './ready-frame';
import type { AgentSeat, VisitorSeat } from './seats';

export interface FeedLog {
  warn(obj: object, msg: string): void;
}

/** What the agents' visibility rule needs about one conversation, loaded once per change for every console. */
interface Sight {
  conversation: Promise<Conversation | undefined>;
  holders: () => Promise<ReadonlySet<string>>;
}

/** The sockets of one node watching one conversation, behind one bus subscription. */
interface ConversationRoom {
  readonly id: string;
  /** The site of its visitor sockets (their agents-online answer follows the site's business hours). */
  site: Site | null;
  /** Last known status: decides whether a queue change concerns this conversation. */
  status: ConversationStatus | null;
  readonly visitors: Set<VisitorSeat>;
  readonly agents: Set<AgentSeat>;
  off: () => void;
  /** Events of one conversation are handled in bus order, even when one waits for the store. */
  chain: Promise<void>;
  sight: Sight | null;
}

/** Frames are checked against the wire protocol of the sockets they go to. */
const forVisitors = (frame: ServerToVisitor): ReadyFrame => ready(frame);
const forAgents = (frame: ServerToAgent): ReadyFrame => ready(frame);

/** Queue snapshots and positions are coalesced: a burst of changes costs one query and one frame. */
const QUEUE_COALESCE_MS = 50;

/**
 * The node's live feed: listens to the bus once, builds each frame once per change (a visitor's
 * status, the queue snapshot, a conversation summary) and hands the ready frame to every socket of
 * the room it concerns: a conversation, the consoles of this node, one agent's consoles. Sockets join
 * and leave rooms and forward; the store is read per change, never per socket. With several nodes each
 * node's feed does this for its own sockets, from the events the bus brings.
 */
export class LiveFeed {
  readonly facts: LiveFacts;
  private readonly rooms = new Map<string, ConversationRoom>();
  private readonly consoles = new Set<AgentSeat>();
  private readonly agentRooms = new Map<string, { seats: Set<AgentSeat>; off: () => void }>();
  private readonly offConsole: () => void;
  private readonly queuedSites = new Set<string>();
  private consoleQueueDue = false;
  private queueTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly log: FeedLog = { warn: () => {} },
  ) {
    this.facts = new LiveFacts(store);
    this.offConsole = bus.subscribe(topics.console, (e) => this.onConsole(e));
  }

  close(): void {
    this.offConsole();
    if (this.queueTimer) clearTimeout(this.queueTimer);
    for (const room of this.rooms.values()) room.off();
    for (const room of this.agentRooms.values()) room.off();
  }

  /** A visitor socket follows its current conversation; joining again updates what the feed knows of it. */
  joinConversation(c: Conversation, site: Site, seat: VisitorSeat): () => void {
    const room = this.room(c.id);
    room.site = site;
    room.status = c.status;
    room.visitors.add(seat);
    return () => this.leave(room, () => room.visitors.delete(seat));
  }

  /** A console follows a conversation it opened or holds: its messages, typing and page views. */
  followConversation(conversationId: string, seat: AgentSeat): () => void {
    const room = this.room(conversationId);
    room.agents.add(seat);
    return () => this.leave(room, () => room.agents.delete(seat));
  }

  /** A console tab gets queue snapshots, conversation updates, and what is addressed to its agent. */
  joinConsole(seat: AgentSeat): () => void {
    const agentId = seat.agent.id;
    this.consoles.add(seat);
    let mine = this.agentRooms.get(agentId);
    if (!mine) {
      const seats = new Set<AgentSeat>();
      mine = { seats, off: this.bus.subscribe(topics.agent(agentId), (e) => this.onAgent(e, seats)) };
      this.agentRooms.set(agentId, mine);
    }
    mine.seats.add(seat);
    return () => {
      this.consoles.delete(seat);
      mine.seats.delete(seat);
      if (mine.seats.size === 0 && this.agentRooms.get(agentId) === mine) {
        mine.off();
        this.agentRooms.delete(agentId);
      }
    };
  }

  /** The status frame of a conversation as it stands now (sent on every change, and by a socket after a resync). */
  async visitorStatus(c: Conversation, site: Site, position?: number | null): Promise<ReadyFrame> {
    const [queuePosition, agentsOnline, agentName] = await Promise.all([
      position === undefined ? this.facts.queuePosition(c) : position,
      this.facts.agentsOnline(site),
      c.agentId ? this.store.agents.byId(c.agentId).then((a) => a?.name ?? null) : null,
    ]);
    return forVisitors({ type: 'status', conversationId: c.id, status: c.status, queuePosition, agentName, agentsOnline });
  }

  private room(id: string): ConversationRoom {
    let room = this.rooms.get(id);
    if (!room) {
      const created: ConversationRoom = { id, site: null, status: null, visitors: new Set(), agents: new Set(), off: () => {}, chain: Promise.resolve(), sight: null };
      this.rooms.set(id, created);
      created.off = this.bus.subscribe(topics.conversation(id), (e) => this.onConversation(created, e));
      room = created;
    }
    return room;
  }

  private leave(room: ConversationRoom, remove: () => void): void {
    remove();
    if (room.visitors.size > 0 || room.agents.size > 0 || this.rooms.get(room.id) !== room) return;
    room.off();
    this.rooms.delete(room.id);
  }

  private onConversation(room: ConversationRoom, event: BusEvent): void {
    if (event.kind === 'resync') {
      room.sight = null;
      for (const seat of room.visitors) seat.resync();
      for (const seat of room.agents) seat.resync(room.id);
      return;
    }
    if (event.kind === 'status') room.sight = null;
    room.chain = room.chain.then(() => this.deliver(room, event)).catch((e: unknown) => this.log.warn({ err: e, conversationId: room.id }, 'live feed could not deliver an event'));
  }

  private async deliver(room: ConversationRoom, event: BusEvent): Promise<void> {
    if (event.kind === 'message') {
      const frame = forVisitors({ type: 'message', message: event.message }); // the same frame on both sockets
      // Internal notes never reach a visitor.
      if (event.message.kind !== 'note') for (const seat of room.visitors) seat.send(frame);
      for (const seat of await this.readers(room)) seat.send(frame);
    } else if (event.kind === 'typing' && event.from === 'agent') {
      const frame = forVisitors({ type: 'typing', typing: event.typing, name: event.name });
      for (const seat of room.visitors) seat.send(frame);
    } else if (event.kind === 'typing') {
      const frame = forAgents({ type: 'typing', conversationId: room.id, typing: event.typing });
      for (const seat of await this.readers(room)) seat.send(frame);
    } else if (event.kind === 'page') {
      const frame = forAgents({ type: 'conversation.page', conversationId: room.id, page: event.page, context: event.context });
      for (const seat of await this.readers(room)) seat.send(frame);
    } else if (event.kind === 'status' && room.visitors.size > 0 && room.site) {
      const c = await this.store.conversations.byId(room.id);
      if (!c) return;
      room.status = c.status;
      const frame = await this.visitorStatus(c, room.site);
      for (const seat of room.visitors) seat.status(frame, c);
    }
  }

  /** The consoles following this conversation that may read it now (the rule is decided once per change). */
  private async readers(room: ConversationRoom): Promise<AgentSeat[]> {
    if (room.agents.size === 0) return [];
    room.sight ??= this.sightOf(room.id);
    const sight = room.sight;
    const c = await sight.conversation;
    if (!c) return [];
    const readers: AgentSeat[] = [];
    for (const seat of room.agents) if (await mayReadGiven(seat.agent, c, sight.holders)) readers.push(seat);
    return readers;
  }

  private sightOf(conversationId: string): Sight {
    const conversation = this.store.conversations.byId(conversationId);
    let holders: Promise<ReadonlySet<string>> | null = null;
    return {
      conversation,
      holders: () => (holders ??= conversation.then((c) => (c ? this.store.conversations.holdersOf(c.visitorId) : new Set<string>()))),
    };
  }

  private onConsole(event: BusEvent): void {
    if (event.kind === 'queue.changed') return this.queueChanged(event.siteId);
    if (event.kind === 'agents.changed') return this.facts.agentsChanged();
    if (event.kind === 'conversation.updated') return void this.updated(event.conversationId, event.agentId, [...this.consoles]);
    if (event.kind === 'resync') {
      // Events may have been lost: everything derived is recomputed, and the queue and positions sent again.
      this.facts.agentsChanged();
      this.facts.queueChanged(null);
      for (const room of this.rooms.values()) {
        room.sight = null;
        if (room.status === 'queued' && room.site) this.queuedSites.add(room.site.id);
      }
      this.consoleQueueDue = true;
      this.scheduleQueue();
    }
  }

  private onAgent(event: BusEvent, seats: Set<AgentSeat>): void {
    if (event.kind === 'conversation.updated') return void this.updated(event.conversationId, event.agentId, [...seats]);
    if (event.kind === 'agent.revoked') {
      this.facts.agentsChanged();
      for (const seat of [...seats]) seat.revoke();
    }
  }

  private queueChanged(siteId: string): void {
    this.facts.queueChanged(siteId);
    this.queuedSites.add(siteId);
    this.consoleQueueDue = true;
    this.scheduleQueue();
  }

  private scheduleQueue(): void {
    this.queueTimer ??= setTimeout(() => {
      this.queueTimer = null;
      const sites = [...this.queuedSites];
      this.queuedSites.clear();
      const consoleDue = this.consoleQueueDue;
      this.consoleQueueDue = false;
      if (consoleDue) void this.sendQueue();
      for (const siteId of sites) void this.sendPositions(siteId);
    }, QUEUE_COALESCE_MS);
  }

  /** One snapshot of the queue for every console of this node. */
  private async sendQueue(): Promise<void> {
    if (this.consoles.size === 0) return;
    try {
      const { items, total } = await queuePage(this.store);
      const frame = forAgents({ type: 'queue', items, total });
      for (const seat of this.consoles) seat.send(frame);
    } catch (e) {
      this.log.warn({ err: e }, 'queue snapshot failed');
    }
  }

  /** Every waiting visitor of a site on this node hears their position, from one read of the queue. */
  private async sendPositions(siteId: string): Promise<void> {
    const waiting = [...this.rooms.values()].filter((r) => r.status === 'queued' && r.site?.id === siteId && r.visitors.size > 0);
    if (waiting.length === 0) return;
    try {
      const queue = await this.facts.queue(siteId);
      for (const [i, c] of queue.entries()) {
        const room = this.rooms.get(c.id);
        if (!room?.site || room.visitors.size === 0) continue;
        const frame = await this.visitorStatus(c, room.site, i + 1);
        for (const seat of room.visitors) seat.status(frame, c);
      }
    } catch (e) {
      this.log.warn({ err: e }, 'queue positions failed');
    }
  }

  /**
   * A conversation changed (state, assignment, a page view): its summary is built once and sent to the consoles
   * that show it or may read it. Queued chats reach consoles as queue snapshots; a chat a console follows hears that it left.
   */
  private async updated(conversationId: string, agentId: string | null, seats: AgentSeat[]): Promise<void> {
    // An assignment can change what an agent may read in the other chats of that visitor.
    for (const room of this.rooms.values()) room.sight = null;
    for (const seat of seats) if (agentId !== null && agentId === seat.agent.id) seat.follow(conversationId);
    if (seats.length === 0) return;
    try {
      const sight = this.sightOf(conversationId);
      const c = await sight.conversation;
      if (!c) return;
      const visible: AgentSeat[] = [];
      for (const seat of seats) if (seat.follows(c.id) || (c.status !== 'queued' && (await mayReadGiven(seat.agent, c, sight.holders)))) visible.push(seat);
      if (visible.length === 0) return;
      const [summary] = await summaries(this.store, [c]);
      const frame = forAgents({ type: 'conversation.updated', conversation: summary! });
      for (const seat of visible) seat.send(frame);
    } catch (e) {
      this.log.warn({ err: e }, 'conversation update failed');
    }
  }
}
