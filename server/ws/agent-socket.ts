import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import { CLOSE, LIMITS } from '../../shared/limits';
import { AgentToServer, PROTOCOL_VERSION, type ServerToAgent } from '../../shared/protocol/index';
import { typesOf } from '../../shared/protocol/parse';
import { topics, type BusEvent } from '../bus/bus';
import { presenceOf } from '../conversations/availability';
import { pageAfter } from '../conversations/pages';
import { queuePage, summaries } from '../conversations/views';
import { AGENT_FRAME_COST, FrameMeter } from '../limits/frame-budget';
import { mayRead } from '../conversations/visibility';
import type { Services } from '../services';
import type { Agent } from '../store/types';
import { Channel, type ChannelLog } from './channel';

const AGENT_TYPES = typesOf(AgentToServer);
const HEARTBEAT_MS = 20_000;
type Handlers = { [K in AgentToServer['type']]: (frame: Extract<AgentToServer, { type: K }>) => Promise<void> };

/**
 * One console tab: authenticated by its session before the upgrade, and re-checked on every frame
 * and heartbeat, so signing out, expiry or a disabled account end the socket too.
 */
export function serveAgent(socket: WebSocket, initial: Agent, session: () => Promise<Agent | undefined>, services: Services, log: ChannelLog): void {
  const channel = new Channel<AgentToServer, ServerToAgent>(socket, AgentToServer, AGENT_TYPES, log);
  const { store, bus, agents } = services;
  const connectionId = randomUUID();
  let agent = initial;
  const following = new Map<string, () => void>();
  const readable = new Map<string, boolean>();
  /**
   * Per opened conversation, the seq up to which this console is known to have everything (opening it and a
   * resync move it; live events do not, since one may be missing before them): where a resync replays from.
   */
  const syncedSeq = new Map<string, number>();
  let revoked = false;
  let forwarding: Promise<void> = Promise.resolve();
  let helloed = false;
  let queueTimer: NodeJS.Timeout | null = null;

  const ready = store.agents.connect(connectionId, agent.id).then(() => bus.publish(topics.console, { kind: 'agents.changed' }));
  const beat = setInterval(() => {
    void (async () => {
      if (!(await stillSignedIn())) return;
      await store.agents.heartbeat(connectionId, agent.id);
    })().catch((e: unknown) => log.warn({ err: e }, 'agent heartbeat failed'));
  }, HEARTBEAT_MS);

  async function stillSignedIn(): Promise<boolean> {
    const current = await session();
    if (current && !revoked) {
      if (current.role !== agent.role) readable.clear();
      agent = current;
      return true;
    }
    if (revoked) return false;
    channel.error('unauthorized', 'your session has ended; sign in again');
    channel.close(CLOSE.unauthorized, 'session ended');
    return false;
  }
  beat.unref();
  const offConsole = bus.subscribe(topics.console, onConsole);
  const offMine = bus.subscribe(topics.agent(agent.id), onConsole);

  socket.on('close', () => {
    clearInterval(beat);
    if (queueTimer) clearTimeout(queueTimer);
    offConsole();
    offMine();
    for (const off of following.values()) off();
    void ready
      .then(() => store.agents.disconnect(connectionId, agent.id))
      .then(() => bus.publish(topics.console, { kind: 'agents.changed' }))
      .catch((e: unknown) => log.warn({ err: e }, 'agent disconnect bookkeeping failed'));
  });

  function follow(conversationId: string): void {
    if (!following.has(conversationId)) following.set(conversationId, bus.subscribe(topics.conversation(conversationId), (e) => onConversation(e, conversationId)));
  }

  /**
   * Live events of followed conversations, each forwarded only while `mayRead` still holds (a chat
   * transferred away, or an agent disabled, stops flowing at once). Verdicts are cached per
   * conversation and dropped whenever its state or this agent's changes.
   */
  function onConversation(event: BusEvent, followed: string): void {
    if (event.kind === 'status') return void readable.delete(event.conversationId);
    if (event.kind === 'resync') {
      readable.clear(); // updates may have been lost: decide again
      return void catchUp(followed);
    }
    if (event.kind !== 'message' && event.kind !== 'page' && !(event.kind === 'typing' && event.from === 'visitor')) return;
    const conversationId = event.kind === 'message' ? event.message.conversationId : event.conversationId;
    const forward = () => {
      if (event.kind === 'message') {
        channel.send({ type: 'message', message: event.message });
      } else if (event.kind === 'typing') channel.send({ type: 'typing', conversationId, typing: event.typing });
      else if (event.kind === 'page') channel.send({ type: 'conversation.page', conversationId, page: event.page, context: event.context });
    };
    // Events wait behind any visibility check still running, so they reach the console in bus order.
    forwarding = forwarding.then(async () => {
      let ok = readable.get(conversationId);
      if (ok === undefined) {
        const c = await store.conversations.byId(conversationId);
        ok = c !== undefined && (await mayRead(store, agent, c));
        readable.set(conversationId, ok);
      }
      if (ok && !revoked) forward();
    }).catch((e: unknown) => log.warn({ err: e }, 'could not check conversation visibility'));
  }

  /**
   * Events may have been lost (a node lost Redis): send what was stored after the last message this console
   * got, in order behind anything being forwarded. The console keeps one message per seq, so an overlap is harmless.
   */
  function catchUp(conversationId: string): Promise<void> {
    forwarding = forwarding
      .then(async () => {
        const c = await store.conversations.byId(conversationId);
        if (!c || revoked || !(await mayRead(store, agent, c))) return;
        // A chat this console never showed messages of needs only its summary.
        for (let more = syncedSeq.has(conversationId); more && !revoked; ) {
          const page = await pageAfter(store, conversationId, syncedSeq.get(conversationId) ?? 0, true);
          for (const message of page.messages) channel.send({ type: 'message', message });
          const last = page.messages.at(-1);
          if (last) syncedSeq.set(conversationId, last.seq);
          more = page.more && page.messages.length > 0;
        }
        const [summary] = await summaries(store, [c]);
        if (summary && !revoked) channel.send({ type: 'conversation.updated', conversation: summary });
      })
      .catch((e: unknown) => log.warn({ err: e }, 'could not resync a conversation'));
    return forwarding;
  }

  function onConsole(event: BusEvent): void {
    if (revoked) return;
    if (event.kind === 'resync') return scheduleQueue();
    if (event.kind === 'agent.revoked') return revoke();
    if (event.kind === 'queue.changed') scheduleQueue();
    else if (event.kind === 'conversation.updated') {
      readable.clear(); // an assignment can change what this agent may read in other chats of that visitor
      void sendUpdate(event.conversationId, event.agentId);
    }
  }

  /** Disabled or re-keyed: nothing more is forwarded, and the console is sent back to sign-in. */
  function revoke(): void {
    revoked = true;
    channel.error('unauthorized', 'your session has ended; sign in again');
    channel.close(CLOSE.unauthorized, 'session ended');
  }

  /** Queue snapshots are coalesced: a burst of changes costs one query and one frame. */
  function scheduleQueue(): void {
    if (queueTimer) return;
    queueTimer = setTimeout(() => {
      queueTimer = null;
      queuePage(store)
        .then(({ items, total }) => channel.send({ type: 'queue', items, total }))
        .catch((e: unknown) => log.warn({ err: e }, 'queue snapshot failed'));
    }, 50);
  }

  async function sendUpdate(conversationId: string, agentId: string | null): Promise<void> {
    if (agentId === agent.id) follow(conversationId);
    try {
      const c = await store.conversations.byId(conversationId);
      // Queued chats reach consoles as queue snapshots; a chat this console shows hears that it left.
      const visible = c && (following.has(c.id) || (c.status !== 'queued' && (await mayRead(store, agent, c))));
      if (!visible || revoked) return;
      const [summary] = await summaries(store, [c]);
      channel.send({ type: 'conversation.updated', conversation: summary! });
    } catch (e) {
      log.warn({ err: e }, 'conversation update failed');
    }
  }

  const ack = (id: string, conversationId: string, seq: number) => channel.send({ type: 'ack', id, conversationId, seq });

  const handlers: Handlers = {
    'agent.hello': async (f) => {
      if (helloed) throw new AppError('invalid_state', 'hello was already received on this socket');
      helloed = true;
      if (f.protocol !== PROTOCOL_VERSION) {
        channel.error('protocol_version', 'console is out of date; reload the page');
        return channel.close(CLOSE.badVersion, 'protocol version');
      }
      await ready;
      const mine = (await store.conversations.assignedTo(agent.id)).slice(-LIMITS.summaryPage);
      for (const c of mine) follow(c.id);
      const [queue, mineViews, presence, tickets] = await Promise.all([
        queuePage(store),
        summaries(store, mine),
        presenceOf(store),
        store.conversations.ticketPage(LIMITS.summaryPage).then(async (t) => ({ items: await summaries(store, t.items), total: t.total })),
      ]);
      channel.send({
        type: 'agent.welcome',
        protocol: PROTOCOL_VERSION,
        agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role, avatarUrl: agent.avatarUrl },
        presence: presence.get(agent.id) ?? 'online',
        queue: queue.items,
        queueTotal: queue.total,
        mine: mineViews,
        tickets: tickets.items,
        ticketsTotal: tickets.total,
      });
    },
    'agent.open': async (f) => {
      const { conversation, messages, earlier } = await agents.open(agent, f.conversationId);
      follow(f.conversationId);
      channel.send({ type: 'conversation', conversation, messages, earlier });
      syncedSeq.set(f.conversationId, Math.max(messages.at(-1)?.seq ?? 0, syncedSeq.get(f.conversationId) ?? 0));
    },
    'agent.history': async (f) => {
      const { messages, earlier } = await agents.history(agent, f.conversationId, f.beforeSeq);
      channel.send({ type: 'history', conversationId: f.conversationId, messages, earlier });
    },
    'agent.claim': async (f) => {
      const c = await agents.claim(agent, f.conversationId);
      follow(c.id);
      ack(f.id, c.id, c.lastSeq);
    },
    'agent.send': async (f) => {
      const m = await agents.send(agent, f);
      ack(f.id, m.conversationId, m.seq);
    },
    'agent.note': async (f) => {
      const m = await agents.note(agent, f);
      ack(f.id, m.conversationId, m.seq);
    },
    'agent.resolve': async (f) => {
      const c = await agents.resolve(agent, f.conversationId);
      ack(f.id, c.id, c.lastSeq);
    },
    'agent.transfer': async (f) => {
      const c = await agents.transfer(agent, f);
      ack(f.id, c.id, c.lastSeq);
    },
    'agent.typing': async (f) => {
      const c = await store.conversations.byId(f.conversationId);
      if (c) agents.typing(agent, c, f.typing);
    },
    'agent.presence': async (f) => {
      await store.agents.update(agent.id, { presence: f.status });
      agent = { ...agent, presence: f.status };
      bus.publish(topics.console, { kind: 'agents.changed' });
    },
    ping: async () => channel.send({ type: 'pong' }),
  };

  const meter = new FrameMeter(AGENT_FRAME_COST, services.frameBudgets.rule('agentSocket'), services.frameBudgets.agents);
  channel.onFrame(
    async (frame) => {
      if (!(await stillSignedIn())) return;
      await (handlers[frame.type] as (f: AgentToServer) => Promise<void>)(frame);
    },
    (frame) => meter.charge(frame.type, agent.id),
  );
}
