import type { WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import { CLOSE, LIMITS } from '../../shared/limits';
import { PROTOCOL_VERSION, ServerToVisitor, VisitorToServer, type VisitorHello, type VisitorWelcome } from '../../shared/protocol/index';
import { typesOf } from '../../shared/protocol/parse';
import type { VisitorSeat } from '../conversations/feed/seats';
import { isOpen } from '../sites/business-hours';
import { nextOpening } from '../sites/next-opening';
import { VisitorPresenceTracker } from '../conversations/visitor-presence';
import type { Services } from '../services';
import type { Conversation, Site, Visitor } from '../store/types';
import { RateLimits } from '../limits/rate-limits';
import { FrameMeter, VISITOR_FRAME_COST } from '../limits/frame-budget';
import { pageAfter } from '../conversations/pages';
import { filePolicyOf } from '../files/file-service';
import { Channel, type ChannelLog } from './channel';
import { recordStage } from '../store/stage-timings';

const VISITOR_TYPES = typesOf(VisitorToServer);
type Handlers = { [K in VisitorToServer['type']]: (frame: Extract<VisitorToServer, { type: K }>) => Promise<void> };

/** One visitor's socket: hello first, then the visitor's own conversation only. */
export function serveVisitor(socket: WebSocket, site: Site, services: Services, log: ChannelLog, address: string): void {
  const channel = new Channel<VisitorToServer, ServerToVisitor>(socket, VisitorToServer, VISITOR_TYPES, log);
  const { visitors, feed, store, limits } = services;
  let visitor: Visitor | null = null;
  let locale: string | undefined;
  let currentToken: string | null = null;
  let conversation: Conversation | null = null;
  let leaveRoom: (() => void) | null = null;
  let lastStatus = '';
  let helloed = false;
  const presence = new VisitorPresenceTracker(services, site, log);

  const helloTimer = setTimeout(() => channel.close(CLOSE.policy, 'no hello'), 15_000);
  socket.on('close', () => {
    clearTimeout(helloTimer);
    if (visitor) services.visitorSockets.closed(visitor.id);
    leaveRoom?.();
    void presence.disconnected();
  });

  /**
   * Per conversation, the seq up to which this socket is known to have sent everything (welcome and replay pages
   * move it; live events do not, since one may be missing before them): where a resync replays from.
   */
  const syncedSeq = new Map<string, number>();
  const synced = (conversationId: string, from: number, page: { messages: readonly { seq: number }[]; more: boolean }) => {
    const last = page.messages.at(-1)?.seq ?? from;
    if (from <= (syncedSeq.get(conversationId) ?? 0) || !syncedSeq.has(conversationId)) syncedSeq.set(conversationId, Math.max(last, syncedSeq.get(conversationId) ?? 0));
  };

  /** What the live feed hands this socket: frames built once for every socket of the conversation. */
  const seat: VisitorSeat = {
    send: (frame) => channel.sendReady(frame),
    status: (frame, c) => {
      if (c.id === conversation?.id) conversation = c;
      // Several changes can announce the same state (a transition and a queue move); say it once.
      if (frame.text === lastStatus) return;
      lastStatus = frame.text;
      channel.sendReady(frame);
    },
    resync: () => void catchUp(),
  };

  /** Follows the visitor's current conversation in the live feed (it changes when a new one starts). */
  function follow(c: Conversation | null): void {
    if (c?.id !== conversation?.id) {
      leaveRoom?.();
      leaveRoom = null;
    }
    conversation = c;
    if (c) leaveRoom = feed.joinConversation(c, site, seat);
  }

  /**
   * Events may have been lost (a node lost Redis): replay what was stored after the last message this socket
   * sent (the widget keeps one message per seq and asks for further pages), then the current status.
   */
  async function catchUp(): Promise<void> {
    if (!conversation) return;
    const id = conversation.id;
    try {
      const from = syncedSeq.get(id) ?? 0;
      const page = await pageAfter(store, id, from, false);
      if (page.messages.length > 0) channel.send({ type: 'replay', conversationId: id, ...page });
      synced(id, from, page);
    } catch (e) {
      log.warn({ err: e }, 'could not resync the conversation');
    }
    await sendStatus();
  }

  async function sendStatus(): Promise<void> {
    if (!conversation) return;
    try {
      const c = await store.conversations.byId(conversation.id);
      if (!c || c.id !== conversation?.id) return;
      follow(c);
      seat.status(await feed.visitorStatus(c, site), c);
    } catch (e) {
      log.warn({ err: e }, 'could not send visitor status');
    }
  }

  async function welcome(hello: VisitorHello): Promise<void> {
    // One hello per socket: each one costs a welcome with a replay page, so repeats are refused.
    if (helloed) throw new AppError('invalid_state', 'hello was already received on this socket');
    helloed = true;
    if (hello.protocol !== PROTOCOL_VERSION) {
      channel.error('protocol_version', `protocol ${hello.protocol} is not supported; reload the page`);
      return channel.close(CLOSE.badVersion, 'protocol version');
    }
    let auth;
    try {
      auth = await visitors.authenticate(site, hello.token, hello.context, presence.id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'unauthorized') {
        channel.error('unauthorized', e.message);
        return channel.close(CLOSE.unauthorized, 'invalid token');
      }
      throw e;
    }
    clearTimeout(helloTimer);
    if (!visitor) services.visitorSockets.opened(auth.visitor.id);
    visitor = auth.visitor;
    locale = hello.locale;
    currentToken = auth.token;
    // A visitor created by this hello has no conversation yet: nothing to look up.
    const c = auth.fresh ? null : await visitors.current(auth.visitor, site);
    await sendWelcome(auth.token, c, hello.conversationId ?? null, hello.lastSeq);
    await presence.connected(auth.visitor, c);
    await visitors.pageOf(c, hello.context); // a page load of a multi-page site
  }

  /** The visitor's state and the messages they lack: at hello, and again when verification widens what they may see. */
  async function sendWelcome(token: string, c: Conversation | null, heldConversation: string | null, lastSeq: number): Promise<void> {
    const v = me();
    follow(c);
    const from = c && heldConversation === c.id ? lastSeq : 0;
    const page = c ? await pageAfter(store, c.id, from, false) : { messages: [], more: false };
    if (c) synced(c.id, from, page);
    // Agents online and queue positions come from the feed: derived once per change, not per hello.
    const [position, online, agent, replyMinutes] = await Promise.all([
      c ? feed.facts.queuePosition(c) : null,
      feed.facts.agentsOnline(site),
      c?.agentId ? store.agents.byId(c.agentId) : null,
      services.replyTimes.minutes(site.id, site.settings.replyTimeMinutes),
    ]);
    const now = Date.now();
    const frame: VisitorWelcome = {
      type: 'visitor.welcome',
      protocol: PROTOCOL_VERSION,
      visitorId: v.id,
      token,
      conversationId: c?.id ?? null,
      status: c?.status ?? null,
      queuePosition: position,
      agentName: agent?.name ?? null,
      agentsOnline: online,
      messages: page.messages,
      more: page.more,
      availability: { open: isOpen(site.settings.businessHours, new Date(now)), nextOpenAt: nextOpening(site.settings.businessHours, now), replyMinutes },
      site: {
        name: site.name,
        color: site.settings.color,
        greeting: site.settings.greeting,
        position: site.settings.position,
        locale: site.settings.locale,
        launcherLabel: site.settings.launcherLabel,
        preChatFields: site.settings.preChatFields,
        email: services.email !== null,
        files: filePolicyOf(site, services.config.files.maxBytes),
      },
    };
    channel.send(frame);
  }

  function me(): Visitor {
    if (!visitor) throw new AppError('bad_request', 'send visitor.hello first');
    return visitor;
  }

  /** Sends and messages left count against the visitor and their address. */
  function spend(): void {
    RateLimits.check(limits.messages, me().id, 'You are sending messages very fast');
    RateLimits.check(limits.messagesPerAddress, address, 'Many messages are coming from your network');
  }

  const handlers: Handlers = {
    'visitor.hello': welcome,
    'visitor.send': async (f) => {
      spend();
      const started = performance.now();
      const { message, followUp } = await visitors.send(me(), site, f, locale, follow, conversation);
      channel.send({ type: 'ack', id: f.id, conversationId: message.conversationId, seq: message.seq });
      recordStage('visitor.send.ack', performance.now() - started);
      await followUp();
    },
    'visitor.typing': async (f) => {
      if (conversation) visitors.typing(conversation, f.typing);
    },
    'visitor.page': async (f) => {
      await visitors.page(me(), site, f.context);
    },
    'visitor.escalate': async (f) => {
      spend();
      const c = await visitors.requestHuman(me(), site, follow);
      follow(c);
      channel.send({ type: 'ack', id: f.id, conversationId: c.id, seq: c.lastSeq });
      await sendStatus();
    },
    'visitor.feedback': async (f) => {
      await visitors.feedback(me(), site, f);
      if (conversation) channel.send({ type: 'ack', id: f.id, conversationId: conversation.id, seq: f.messageSeq });
    },
    'visitor.choose': async (f) => {
      await visitors.choose(me(), site, f.articleId);
      if (conversation) channel.send({ type: 'ack', id: f.id, conversationId: conversation.id, seq: conversation.lastSeq });
    },
    'visitor.csat': async (f) => {
      await visitors.csat(me(), site, f);
      channel.send({ type: 'ack', id: f.id, conversationId: f.conversationId, seq: 0 });
    },
    'visitor.nps': async (f) => {
      const ask = await visitors.nps(me(), site, f);
      channel.send({ type: 'ack', id: f.id, conversationId: f.conversationId, seq: 0, ...(ask === null ? {} : { nps: ask }) });
    },
    'visitor.identify': async (f) => {
      const { visitor: now, becameVerified } = await visitors.identify(me(), site, f.identity);
      visitor = now;
      // A newly verified user may continue a conversation started on another device.
      if (becameVerified && currentToken) {
        const c = await visitors.current(now, site);
        if (c && c.id !== conversation?.id) await sendWelcome(currentToken, c, null, 0);
      }
    },
    'visitor.leave_message': async (f) => {
      spend();
      const message = await visitors.leaveMessage(me(), site, f, follow);
      channel.send({ type: 'ack', id: f.id, conversationId: message.conversationId, seq: message.seq });
    },
    'visitor.transcript': async (f) => {
      spend();
      if (!services.email) throw new AppError('invalid_state', 'email is not available on this server');
      const c = conversation ?? (await visitors.current(me(), site));
      if (!c) throw new AppError('not_found', 'there is no conversation to send yet');
      const to = f.email ?? me().email;
      if (!to) throw new AppError('bad_request', 'an email address is needed');
      if (f.email && f.email !== me().email) {
        // Kept as the visitor's address (unverified), so the next request needs none.
        const outcome = await services.store.visitors.identify(me().id, { email: f.email, verified: false });
        if (outcome.ok) visitor = outcome.visitor;
      }
      await services.email.transcript(await visitors.owned(me(), site, c.id), to);
      channel.send({ type: 'ack', id: f.id, conversationId: c.id, seq: c.lastSeq });
    },
    'visitor.history': async (f) => {
      const c = await visitors.owned(me(), site, f.conversationId);
      const page = await pageAfter(store, c.id, f.afterSeq, false);
      channel.send({ type: 'replay', conversationId: c.id, ...page });
      synced(c.id, f.afterSeq, page);
    },
    ping: async () => {
      channel.send({ type: 'pong' });
      await presence.heartbeat();
    },
  };

  const meter = new FrameMeter(VISITOR_FRAME_COST, services.frameBudgets.rule('visitorSocket'), services.frameBudgets.visitors);
  channel.onFrame(
    async (frame) => {
      if (frame.type !== 'visitor.hello' && frame.type !== 'ping' && !visitor) throw new AppError('bad_request', 'send visitor.hello first');
      await (handlers[frame.type] as (f: VisitorToServer) => Promise<void>)(frame);
    },
    // All sockets of one visitor share a budget once the hello has said who they are.
    (frame) => meter.charge(frame.type, visitor?.id ?? null),
  );
}
