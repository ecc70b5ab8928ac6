// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connect, setup, texts, visitorEcho } from './store-harness';
import { wireMessage } from '../protocol/fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('ChatStore: what the visitor sends', () => {
  it('shows a sent message once: pending, then sent, then replaced by the server echo', () => {
    const { store, sockets } = setup();
    connect(sockets.last());
    store.send('  Where is my order?  ');
    const frame = sockets.last().sentOf('visitor.send')[0]!;
    expect(frame.text).toBe('Where is my order?');
    expect(frame.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(texts(store)).toEqual(['Where is my order? (pending)']);
    sockets.last().push({ type: 'ack', id: frame.id, conversationId: 'c1', seq: 1 });
    expect(texts(store)).toEqual(['Where is my order?']);
    sockets.last().push({ type: 'message', message: visitorEcho(frame.id, 1, 'Where is my order?') });
    sockets.last().push({ type: 'message', message: wireMessage({ seq: 2, text: 'Here is how to track it' }) });
    expect(texts(store)).toEqual(['Where is my order?', 'Here is how to track it']);
    expect(store.getState().conversationId).toBe('c1');
  });

  it('queues messages typed offline and sends each exactly once, in order, after reconnecting', () => {
    const { store, sockets } = setup();
    connect(sockets.last());
    sockets.last().drop();
    expect(store.getState().connection).toBe('offline');
    store.send('first');
    store.send('second');
    expect(texts(store)).toEqual(['first (pending)', 'second (pending)']);
    vi.advanceTimersByTime(500);
    const next = sockets.last();
    connect(next);
    expect(next.sentOf('visitor.send').map((f) => f.text)).toEqual(['first', 'second']);
    connect(next); // a second welcome (resync) must not resend what is already on the wire
    expect(next.sentOf('visitor.send')).toHaveLength(2);
  });

  it('resends an unacked message with the same id after a reconnect, so the server can dedupe it', () => {
    const { store, sockets } = setup();
    connect(sockets.last());
    store.send('hello?');
    const id = sockets.last().sentOf('visitor.send')[0]!.id;
    sockets.last().drop(1012);
    vi.advanceTimersByTime(1000);
    connect(sockets.last());
    expect(sockets.last().sentOf('visitor.send')[0]?.id).toBe(id);
  });

  it('marks a refused message failed with the reason, and retries it with the same id', () => {
    const { store, sockets } = setup();
    connect(sockets.last());
    store.send('spam');
    const id = sockets.last().sentOf('visitor.send')[0]!.id;
    sockets.last().push({ type: 'error', code: 'rate_limited', message: 'slow down', id });
    expect(texts(store)).toEqual(['spam (failed)']);
    expect(store.getState().notice).toBe('rate_limited');
    store.retry(id);
    expect(sockets.last().sentOf('visitor.send').map((f) => f.id)).toEqual([id, id]);
    expect(texts(store)).toEqual(['spam (pending)']);
  });

  it('shows a message as failed when the server never acknowledges it', () => {
    const { store, sockets } = setup({ ackTimeoutMs: 5000 });
    connect(sockets.last());
    store.send('anyone?');
    vi.advanceTimersByTime(5000);
    expect(texts(store)).toEqual(['anyone? (failed)']);
  });
});

describe('ChatStore with the server’s ordering', () => {
  it('keeps its own first message when the echo never comes (new conversation)', () => {
    const { store, sockets } = setup();
    connect(sockets.last());
    store.send('first words');
    const id = sockets.last().sentOf('visitor.send')[0]!.id;
    sockets.last().push({ type: 'ack', id, conversationId: 'c9', seq: 1 });
    expect(store.getState().outbox).toEqual([]);
    expect(store.getState().messages.map((m) => [m.seq, m.text])).toEqual([[1, 'first words']]);
    sockets.last().drop();
    vi.advanceTimersByTime(500);
    sockets.last().open();
    expect(sockets.last().sentOf('visitor.hello')[0]).toMatchObject({ conversationId: 'c9', lastSeq: 1 });
  });

  it('marks the ticket left even when the echo of the message arrives before the ack', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { conversationId: 'c1', status: 'offline' });
    store.leaveMessage({ email: 'ana@example.com', name: '', text: 'Call me' });
    const frame = sockets.last().sentOf('visitor.leave_message')[0]!;
    sockets.last().push({ type: 'message', message: visitorEcho(frame.id, 4, 'Call me') });
    sockets.last().push({ type: 'ack', id: frame.id, conversationId: 'c1', seq: 4 });
    expect(store.getState().ticketFor).toBe('c1');
    expect(texts(store)).toEqual(['Call me']);
  });
});

describe('typing indicator frames', () => {
  it('sends typing at most every few seconds while typing, and stops after a pause or a send', () => {
    const { store, sockets } = setup();
    connect(sockets.last());
    for (let i = 0; i < 10; i++) {
      store.typing(true);
      vi.advanceTimersByTime(200);
    }
    expect(sockets.last().sentOf('visitor.typing').map((f) => f.typing)).toEqual([true]);
    vi.advanceTimersByTime(4000);
    expect(sockets.last().sentOf('visitor.typing').map((f) => f.typing)).toEqual([true, false]);
    store.typing(true);
    store.send('done');
    expect(sockets.last().sentOf('visitor.typing').map((f) => f.typing)).toEqual([true, false, true, false]);
  });

  it('asks once per resolved chat whether to show NPS, shows it on yes, and sends the answer once', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { conversationId: 'c1', status: 'resolved' });
    store.checkNps();
    store.checkNps(); // still waiting for the ack: not sent twice
    const [check] = sockets.last().sentOf('visitor.nps');
    expect(check).toMatchObject({ conversationId: 'c1' });
    expect(check).not.toHaveProperty('score');
    sockets.last().push({ type: 'ack', id: check!.id, conversationId: 'c1', seq: 0, nps: true });
    expect(store.getState().nps).toEqual({ c1: 'ask' });
    store.checkNps(); // decided for this chat: not asked again
    expect(sockets.last().sentOf('visitor.nps')).toHaveLength(1);

    store.answerNps(9, '  Quick  ');
    const answer = sockets.last().sentOf('visitor.nps')[1]!;
    expect(answer).toMatchObject({ conversationId: 'c1', score: 9, comment: 'Quick' });
    sockets.last().push({ type: 'ack', id: answer.id, conversationId: 'c1', seq: 0 });
    expect(store.getState().nps).toEqual({ c1: 'done' });
  });

  it('remembers a no from the server, so the question is not shown', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { conversationId: 'c2', status: 'resolved' });
    store.checkNps();
    const [check] = sockets.last().sentOf('visitor.nps');
    sockets.last().push({ type: 'ack', id: check!.id, conversationId: 'c2', seq: 0, nps: false });
    expect(store.getState().nps).toEqual({ c2: 'no' });
  });
});
