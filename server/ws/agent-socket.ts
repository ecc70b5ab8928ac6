import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import { CLOSE, LIMITS } from '../../shared/limits';
import { AgentToServer, PROTOCOL_VERSION, type ServerToAgent } from '../../shared/protocol/index';
import { typesOf } from '../../shared/protocol/parse';
import { topics } from '../bus/bus';
import type { AgentSeat } from '../conversations/feed/seats';
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
  const { store, bus, agents, feed } = services;
  const connectionId = randomUUID();
  let agent = initial;
  /** Conversations this console follows in the live feed, with how to stop. */
  const following = new Map<string, () => void>();
  /**
   * Per opened conversation, the seq up to which this console is known to have everything (opening it and a
   * resync move it; live events do not, since one may be missing before them): where a resync replays from.
   */
  const syncedSeq = new Map<string, number>();
  let revoked = false;
  let resyncing: Promise<void> = Promise.resolve();
  let helloed = false;

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
      agent = current;
      return true;
    }
    if (revoked) return false;
    channel.error('unauthorized', 'your session has ended; sign in again');
    channel.close(CLOSE.unauthorized, 'session ended');
    return false;
  }
  beat.unref();

  /** What the live feed hands this console: frames built once per change, sent only while it may read them. */
  const seat: AgentSeat = {
    get agent() {
      return agent;
    },
    follows: (conversationId) => following.has(conversationId),
    follow: (conversationId) => follow(conversationId),
    send: (frame) => {
      if (!revoked) channel.sendReady(frame);
    },
    resync: (conversationId) => void catchUp(conversationId),
    revoke: () => revoke(),
  };
  const leaveConsole = feed.joinConsole(seat);

  socket.on('close', () => {
    clearInterval(beat);
    leaveConsole();
    for (const off of following.values()) off();
    void ready
      .then(() => store.agents.disconnect(connectionId, agent.id))
      .then(() => bus.publish(topics.console, { kind: 'agents.changed' }))
      .catch((e: unknown) => log.warn({ err: e }, 'agent disconnect bookkeeping failed'));
  });

  function follow(conversationId: string): void {
    if (!following.has(conversationId)) following.set(conversationId, feed.followConversation(conversationId, seat));
  }

  /**
   * Events may have been lost (a node lost Redis): send what was stored after the last message this console
   * got, one resync at a time. The console keeps one message per seq, so an overlap with live frames is harmless.
   */
  function catchUp(conversationId: string): Promise<void> {
    resyncing = resyncing
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
    return resyncing;
  }

  /** Disabled or re-keyed: nothing more is forwarded, and the console is sent back to sign-in. */
  function revoke(): void {
    revoked = true;
    channel.error('unauthorized', 'your session has ended; sign in again');
    channel.close(CLOSE.unauthorized, 'session ended');
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
