import { describe, expect, it } from 'vitest';
import type { ServerToAgent } from '../../shared/protocol/index';
import { reduce, type Action } from './reducer';
import { initialState, myChats, sidebarOrder, tickets, timeline, type ConsoleState } from './state';
import { agentAna, detail, message, queueItem, summary } from './fixtures';

const frame = (f: ServerToAgent): Action => ({ type: 'frame', frame: f });
const run = (...actions: Action[]) => actions.reduce(reduce, initialState);
const welcome = (over: Partial<Extract<ServerToAgent, { type: 'agent.welcome' }>> = {}) =>
  frame({ type: 'agent.welcome', protocol: 1, agent: agentAna, presence: 'online', queue: [], mine: [], tickets: [], ...over });

describe('console model: queue', () => {
  it('lists the queue oldest first whatever order the server used', () => {
    const s = run(welcome(), frame({ type: 'queue', items: [queueItem({ conversationId: 'b', queuedAt: 300 }), queueItem({ conversationId: 'a', queuedAt: 100 }), queueItem({ conversationId: 'c', queuedAt: 200 })] }));
    expect(s.queue.map((q) => q.conversationId)).toEqual(['a', 'c', 'b']);
  });

  it('reports only the chats that are new in a snapshot as arrivals', () => {
    const s = run(
      welcome({ queue: [queueItem({ conversationId: 'a' })] }),
      frame({ type: 'queue', items: [queueItem({ conversationId: 'a' }), queueItem({ conversationId: 'b', visitorName: 'Bo' })] }),
    );
    expect(s.arrivals.map((q) => q.conversationId)).toEqual(['b']);
    expect(run(welcome({ queue: [queueItem({ conversationId: 'a' })] })).arrivals).toEqual([]);
  });

  it('replaces the queue with each snapshot, so a chat claimed elsewhere disappears', () => {
    const s = run(
      welcome({ queue: [queueItem({ conversationId: 'a' }), queueItem({ conversationId: 'b' })] }),
      frame({ type: 'queue', items: [queueItem({ conversationId: 'b' })] }),
    );
    expect(s.queue.map((q) => q.conversationId)).toEqual(['b']);
  });
});

describe('console model: claiming', () => {
  const claimed = (): ConsoleState =>
    run(welcome({ queue: [queueItem({ conversationId: 'a' }), queueItem({ conversationId: 'b' })] }), { type: 'activate', conversationId: 'a' }, { type: 'op', id: 'claim_0001', op: { op: 'claim', conversationId: 'a' } });

  it('drops the chat from the queue and tells the agent when someone else claimed first', () => {
    const s = reduce(claimed(), frame({ type: 'error', code: 'already_claimed', message: 'taken', id: 'claim_0001' }));
    expect(s.queue.map((q) => q.conversationId)).toEqual(['b']);
    expect(s.notices).toEqual([expect.objectContaining({ kind: 'already_claimed' })]);
    expect(s.ops).toEqual({});
    expect(s.activeId).toBeNull();
  });

  it('moves a won claim into my chats without a "transferred to you" notice', () => {
    const s = [
      frame({ type: 'ack', id: 'claim_0001', conversationId: 'a', seq: 3 }),
      frame({ type: 'conversation.updated', conversation: summary({ id: 'a', status: 'assigned' }) }),
    ].reduce(reduce, claimed());
    expect(myChats(s).map((c) => c.id)).toEqual(['a']);
    expect(s.queue.map((q) => q.conversationId)).toEqual(['b']);
    expect(s.notices).toEqual([]);
  });

  it('tells the agent when a chat is transferred to them', () => {
    const s = run(welcome(), frame({ type: 'conversation.updated', conversation: summary({ id: 'x', status: 'assigned' }) }));
    expect(s.notices).toEqual([expect.objectContaining({ kind: 'assigned' })]);
  });

  it('forgets a chat that was resolved or handed to someone else', () => {
    const s = run(
      welcome({ mine: [summary({ id: 'a' }), summary({ id: 'b' })] }),
      frame({ type: 'conversation.updated', conversation: summary({ id: 'a', status: 'resolved' }) }),
      frame({ type: 'conversation.updated', conversation: summary({ id: 'b', agentId: 'ag_other', agentName: 'Olga' }) }),
    );
    expect(myChats(s)).toEqual([]);
  });

  it('keeps tickets in their own list until they are done', () => {
    const s = run(
      welcome({ tickets: [summary({ id: 't1', status: 'offline', agentId: null, createdAt: 5 })] }),
      frame({ type: 'conversation.updated', conversation: summary({ id: 't0', status: 'offline', agentId: null, createdAt: 1 }) }),
    );
    expect(tickets(s).map((c) => c.id)).toEqual(['t0', 't1']);
    expect(myChats(s)).toEqual([]);
    const done = reduce(s, frame({ type: 'conversation.updated', conversation: summary({ id: 't0', status: 'resolved' }) }));
    expect(tickets(done).map((c) => c.id)).toEqual(['t1']);
  });
});

describe('console model: messages', () => {
  it('keeps each seq once, in order, however often and in whatever order it arrives', () => {
    const s = run(
      welcome(),
      frame({ type: 'message', message: message({ conversationId: 'a', seq: 2 }) }),
      frame({ type: 'conversation', conversation: detail({ id: 'a' }), messages: [message({ conversationId: 'a', seq: 1 }), message({ conversationId: 'a', seq: 2 })] }),
      frame({ type: 'message', message: message({ conversationId: 'a', seq: 2 }) }),
      frame({ type: 'message', message: message({ conversationId: 'a', seq: 3 }) }),
    );
    expect(s.messages.a?.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('counts unread visitor messages for chats not on screen, once per message', () => {
    const m = frame({ type: 'message', message: message({ conversationId: 'b', seq: 4 }) });
    const s = run(welcome({ mine: [summary({ id: 'a' }), summary({ id: 'b' })] }), { type: 'activate', conversationId: 'a' }, m, m, frame({ type: 'message', message: message({ conversationId: 'a', seq: 9 }) }));
    expect(s.unread).toEqual({ b: 1 });
    expect(reduce(s, { type: 'activate', conversationId: 'b' }).unread).toEqual({});
  });

  it('shows my reply once: pending until its message arrives, whether the ack comes first or last', () => {
    const pending: Action = { type: 'pending', send: { id: 'send_0001', conversationId: 'a', kind: 'text', text: 'Hello', createdAt: 1, seq: null, failed: null } };
    const mine = frame({ type: 'message', message: message({ conversationId: 'a', seq: 5, author: 'agent', id: 'srv_5', text: 'Hello' }) });
    const ack = frame({ type: 'ack', id: 'send_0001', conversationId: 'a', seq: 5 });
    const inFlight = run(welcome(), pending);
    expect(timeline(inFlight, 'a').pending.map((p) => p.text)).toEqual(['Hello']);
    for (const order of [[ack, mine], [mine, ack]]) {
      const s = order.reduce(reduce, inFlight);
      const t = timeline(s, 'a');
      expect(t.messages.map((m) => m.text)).toEqual(['Hello']);
      expect(t.pending).toEqual([]);
    }
  });

  it('marks a refused send as failed and says why', () => {
    const s = run(
      welcome(),
      { type: 'pending', send: { id: 'send_0002', conversationId: 'a', kind: 'note', text: 'x', createdAt: 1, seq: null, failed: null } },
      frame({ type: 'error', code: 'invalid_state', message: 'resolved', id: 'send_0002' }),
    );
    expect(s.pending.send_0002?.failed).toBe('invalid_state');
    expect(s.notices).toEqual([expect.objectContaining({ kind: 'error', code: 'invalid_state' })]);
  });

  it('shows the visitor typing until they stop or send', () => {
    const typing = run(welcome(), frame({ type: 'typing', conversationId: 'a', typing: true }));
    expect(typing.visitorTyping.a).toBe(true);
    expect(reduce(typing, frame({ type: 'message', message: message({ conversationId: 'a', seq: 1 }) })).visitorTyping.a).toBe(false);
    expect(reduce(typing, { type: 'typing-expired', conversationId: 'a' }).visitorTyping.a).toBe(false);
  });
});

describe('sidebarOrder', () => {
  it('walks the queue, then my chats, then tickets', () => {
    const s = run(welcome({ queue: [queueItem({ conversationId: 'q' })], mine: [summary({ id: 'm' })], tickets: [summary({ id: 't', status: 'offline' })] }));
    expect(sidebarOrder(s)).toEqual(['q', 'm', 't']);
  });
});

describe('console model: paged history', () => {
  const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message({ conversationId: 'c', seq: from + i }));
  const opened = (from: number, to: number, earlier: boolean) => frame({ type: 'conversation', conversation: detail({ id: 'c' }), messages: seqs(from, to), earlier });

  it('shows the latest page, offers earlier ones, and prepends each page loaded', () => {
    let s = run(welcome(), opened(401, 500, true));
    expect(s.earlier.c).toBe(true);
    s = reduce(s, { type: 'loading-earlier', conversationId: 'c' });
    s = reduce(s, frame({ type: 'history', conversationId: 'c', messages: seqs(301, 400), earlier: false }));
    expect(timeline(s, 'c').messages.map((m) => m.seq)).toEqual(seqs(301, 500).map((m) => m.seq));
    expect(s.earlier.c).toBe(false);
    expect(s.loadingEarlier.c).toBeUndefined();
  });

  it('a reopen that joins what is held keeps the loaded pages; one after a gap starts again from the new page', () => {
    const full = run(welcome(), opened(401, 500, true), frame({ type: 'history', conversationId: 'c', messages: seqs(1, 400), earlier: false }));
    const joined = reduce(full, opened(402, 501, true));
    expect(timeline(joined, 'c').messages).toHaveLength(501);
    expect(joined.earlier.c).toBe(false);
    const gap = reduce(full, opened(701, 800, true));
    expect(timeline(gap, 'c').messages.map((m) => m.seq)[0]).toBe(701);
    expect(gap.earlier.c).toBe(true);
  });

  it('counts tickets beyond the first page and keeps the count in step', () => {
    const s = run(welcome({ tickets: [summary({ id: 't1', status: 'offline' })], ticketsTotal: 120 }));
    expect(s.ticketsTotal).toBe(120);
    const resolved = reduce(s, frame({ type: 'conversation.updated', conversation: summary({ id: 't1', status: 'resolved' }) }));
    expect(resolved.ticketsTotal).toBe(119);
  });
});
