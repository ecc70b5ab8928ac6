import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CLOSE } from '../../shared/limits';
import { AgentToServer, PROTOCOL_VERSION, type ServerToAgent } from '../../shared/protocol/index';
import { typesOf } from '../../shared/protocol/parse';
import { topics, type BusEvent } from '../bus/bus';
import { presenceOf } from '../conversations/availability';
import { queueItems, summaries } from '../conversations/views';
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
    if (current) {
      agent = current;
      return true;
    }
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
    if (!following.has(conversationId)) following.set(conversationId, bus.subscribe(topics.conversation(conversationId), onConversation));
  }

  function onConversation(event: BusEvent): void {
    if (event.kind === 'message') channel.send({ type: 'message', message: event.message });
    else if (event.kind === 'typing' && event.from === 'visitor') channel.send({ type: 'typing', conversationId: event.conversationId, typing: event.typing });
    else if (event.kind === 'page') channel.send({ type: 'conversation.page', conversationId: event.conversationId, page: event.page, context: event.context });
  }

  function onConsole(event: BusEvent): void {
    if (event.kind === 'queue.changed') scheduleQueue();
    else if (event.kind === 'conversation.updated') void sendUpdate(event.conversationId, event.agentId);
  }

  /** Queue snapshots are coalesced: a burst of changes costs one query and one frame. */
  function scheduleQueue(): void {
    if (queueTimer) return;
    queueTimer = setTimeout(() => {
      queueTimer = null;
      queueItems(store)
        .then((items) => channel.send({ type: 'queue', items }))
        .catch((e: unknown) => log.warn({ err: e }, 'queue snapshot failed'));
    }, 50);
  }

  async function sendUpdate(conversationId: string, agentId: string | null): Promise<void> {
    if (agentId === agent.id) follow(conversationId);
    try {
      const c = await store.conversations.byId(conversationId);
      // Tickets are everyone's; other chats only reach the agent working them, those watching, and admins.
      const visible = c && (c.agentId === agent.id || following.has(c.id) || agent.role === 'admin' || c.status === 'offline');
      if (!visible) return;
      const [summary] = await summaries(store, [c]);
      channel.send({ type: 'conversation.updated', conversation: summary! });
    } catch (e) {
      log.warn({ err: e }, 'conversation update failed');
    }
  }

  const ack = (id: string, conversationId: string, seq: number) => channel.send({ type: 'ack', id, conversationId, seq });

  const handlers: Handlers = {
    'agent.hello': async (f) => {
      if (f.protocol !== PROTOCOL_VERSION) {
        channel.error('protocol_version', 'console is out of date; reload the page');
        return channel.close(CLOSE.badVersion, 'protocol version');
      }
      await ready;
      const mine = await store.conversations.assignedTo(agent.id);
      for (const c of mine) follow(c.id);
      const [queue, mineViews, presence, tickets] = await Promise.all([queueItems(store), summaries(store, mine), presenceOf(store), store.conversations.tickets().then((t) => summaries(store, t))]);
      channel.send({
        type: 'agent.welcome',
        protocol: PROTOCOL_VERSION,
        agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role },
        presence: presence.get(agent.id) ?? 'online',
        queue,
        mine: mineViews,
        tickets,
      });
    },
    'agent.open': async (f) => {
      const { conversation, messages } = await agents.open(agent, f.conversationId);
      follow(f.conversationId);
      channel.send({ type: 'conversation', conversation, messages });
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

  channel.onFrame(async (frame) => {
    if (!(await stillSignedIn())) return;
    await (handlers[frame.type] as (f: AgentToServer) => Promise<void>)(frame);
  });
}
