// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireMessage } from '../../../shared/protocol/index';
import { openStorage, storageKey, type KeyValueStore } from '../../shared/safe-storage';
import { welcome, wireMessage } from '../protocol/fixtures';
import { socketFactory, type FakeSocket } from './fake-socket';
import { ChatStore, type StoreOptions } from './store';
import { timeline } from './timeline';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

function memoryStorage(): KeyValueStore {
  return openStorage({ get localStorage(): Storage { throw new Error('blocked'); } });
}

function setup(over: Partial<StoreOptions> = {}) {
  const sockets = socketFactory();
  const events: string[] = [];
  const store = new ChatStore({
    site: 'demo',
    socketUrl: 'ws://x/ws/visitor?site=demo',
    storage: openStorage(),
    locale: 'en',
    createSocket: sockets.create,
    random: () => 1,
    onEvent: (e, d) => events.push(d ? `${e}:${d.text}` : e),
    ...over,
  });
  store.start();
  return { store, sockets, events };
}

/** Opens the current socket and answers the hello like the server would. */
function connect(socket: FakeSocket, over: Parameters<typeof welcome>[0] = {}) {
  socket.open();
  socket.push(welcome(over));
}

const visitorEcho = (id: string, seq: number, text: string): WireMessage => wireMessage({ id, seq, author: 'visitor', text });
const texts = (store: ChatStore) => timeline(store.getState()).map((e) => `${e.message.text}${e.state === 'sent' ? '' : ` (${e.state})`}`);

describe('ChatStore', () => {
  it('introduces a new visitor and keeps the token it is given', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { token: 'tok-9' });
    const hello = sockets.last().sentOf('visitor.hello')[0];
    expect(hello).toMatchObject({ protocol: 1, token: null, lastSeq: 0, locale: 'en' });
    expect(hello?.context.url).toBe(location.href);
    expect(store.getState().connection).toBe('online');
    expect(localStorage.getItem(storageKey.state('demo'))).toContain('tok-9');
  });

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

  it('asks for what it missed by seq and never duplicates or reorders replayed messages', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { conversationId: 'c1', messages: [wireMessage({ seq: 1, text: 'one' }), wireMessage({ seq: 2, text: 'two' })] });
    sockets.last().drop();
    vi.advanceTimersByTime(500);
    sockets.last().open();
    expect(sockets.last().sentOf('visitor.hello')[0]?.lastSeq).toBe(2);
    sockets.last().push(welcome({ conversationId: 'c1', messages: [wireMessage({ seq: 4, text: 'four' }), wireMessage({ seq: 2, text: 'two' }), wireMessage({ seq: 3, text: 'three' })] }));
    sockets.last().push({ type: 'message', message: wireMessage({ seq: 3, text: 'three' }) });
    expect(texts(store)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('pages through a long replay with visitor.history, never a second hello', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { conversationId: 'c1', messages: [wireMessage({ seq: 1 }), wireMessage({ seq: 2 })], more: true });
    expect(sockets.last().sentOf('visitor.history')).toEqual([{ type: 'visitor.history', conversationId: 'c1', afterSeq: 2 }]);
    sockets.last().push({ type: 'replay', conversationId: 'c1', messages: [wireMessage({ seq: 3, text: 'third' })], more: true });
    sockets.last().push({ type: 'replay', conversationId: 'c1', messages: [wireMessage({ seq: 4, text: 'fourth' })], more: false });
    expect(sockets.last().sentOf('visitor.history').map((h) => h.afterSeq)).toEqual([2, 3]);
    expect(sockets.last().sentOf('visitor.hello')).toHaveLength(1);
    expect(store.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('survives a reload: transcript, token and unsent messages come back from storage', () => {
    const first = setup();
    connect(first.sockets.last(), { token: 'tok-1', conversationId: 'c1', messages: [wireMessage({ seq: 1, text: 'Hi, how can I help?' })] });
    first.sockets.last().drop();
    first.store.send('typed while offline');
    first.store.destroy();

    const second = setup();
    expect(texts(second.store)).toEqual(['Hi, how can I help?', 'typed while offline (pending)']);
    second.sockets.last().open();
    expect(second.sockets.last().sentOf('visitor.hello')[0]).toMatchObject({ token: 'tok-1', lastSeq: 1 });
    second.sockets.last().push(welcome({ token: 'tok-1', conversationId: 'c1' }));
    expect(second.sockets.last().sentOf('visitor.send').map((f) => f.text)).toEqual(['typed while offline']);
  });

  it('created ahead of the first open, starts from what another tab stored meanwhile (its visitor, its conversation)', () => {
    const sockets = socketFactory();
    const prepared = new ChatStore({ site: 'demo', socketUrl: 'ws://x/ws/visitor?site=demo', storage: openStorage(), locale: 'en', createSocket: sockets.create, random: () => 1 });
    expect(sockets.sockets).toHaveLength(0);

    const other = setup();
    connect(other.sockets.last(), { token: 'tok-7', conversationId: 'c7', messages: [wireMessage({ seq: 1, text: 'Hi from the other tab' })] });

    prepared.start();
    expect(texts(prepared)).toEqual(['Hi from the other tab']);
    sockets.last().open();
    expect(sockets.last().sentOf('visitor.hello')[0]).toMatchObject({ token: 'tok-7', lastSeq: 1 });
  });

  it('still works when storage is blocked, keeping state in memory', () => {
    const { store, sockets } = setup({ storage: memoryStorage() });
    connect(sockets.last());
    store.send('hi');
    expect(texts(store)).toEqual(['hi (pending)']);
  });

  it('starts fresh when the server refuses the token', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { token: 'old', conversationId: 'c1', messages: [wireMessage()] });
    sockets.last().drop(4001);
    vi.advanceTimersByTime(500);
    sockets.last().open();
    expect(sockets.last().sentOf('visitor.hello')[0]).toMatchObject({ token: null, lastSeq: 0 });
    expect(store.getState().messages).toEqual([]);
  });

  it('stops and asks for a reload when the protocol version is refused', () => {
    const { store, sockets } = setup();
    sockets.last().drop(4002);
    vi.advanceTimersByTime(60_000);
    expect(store.getState()).toMatchObject({ connection: 'stopped', stopReason: 'reload' });
    expect(sockets.sockets).toHaveLength(1);
  });

  it('stops for good, saying the site is switched off, when the server refuses a disabled site', () => {
    const { store, sockets } = setup();
    sockets.last().push({ type: 'error', code: 'site_disabled', message: 'chat is switched off for this site' });
    sockets.last().drop(4003);
    vi.advanceTimersByTime(60_000);
    expect(store.getState()).toMatchObject({ connection: 'stopped', stopReason: 'disabled' });
    expect(sockets.sockets).toHaveLength(1);
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

  it('counts unread replies while closed and tells the host page', () => {
    const { store, sockets, events } = setup();
    connect(sockets.last(), { conversationId: 'c1' });
    sockets.last().push({ type: 'message', message: wireMessage({ seq: 1, author: 'agent', authorName: 'Ana', text: 'Hi there' }) });
    sockets.last().push({ type: 'status', conversationId: 'c1', status: 'resolved', queuePosition: null, agentName: 'Ana', agentsOnline: true });
    expect(store.getState().unread).toBe(1);
    store.setOpen(true);
    expect(store.getState().unread).toBe(0);
    expect(events).toEqual(['message:Hi there', 'resolved', 'open']);
  });

  it('sends the page again when a single-page app navigates', () => {
    const { sockets } = setup();
    connect(sockets.last());
    history.pushState({}, '', '/checkout');
    document.title = 'Checkout';
    vi.advanceTimersByTime(200);
    expect(sockets.last().sentOf('visitor.page').at(-1)?.context).toMatchObject({ url: location.href, title: 'Checkout' });
  });

  it('says hello without the time zone (costly to learn on the open path) and sends it once the page is idle', () => {
    const { sockets } = setup();
    const socket = sockets.last();
    connect(socket);
    expect(socket.sentOf('visitor.hello').at(-1)?.context.timeZone).toBe('');
    const before = socket.sentOf('visitor.page').length;
    vi.advanceTimersByTime(50);
    const pages = socket.sentOf('visitor.page');
    expect(pages).toHaveLength(before + 1);
    expect(pages.at(-1)?.context.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    // Learned once: no further page updates while nothing changes.
    vi.advanceTimersByTime(500);
    expect(socket.sentOf('visitor.page')).toHaveLength(before + 1);
  });

  it('takes in what another tab stored, without duplicates', () => {
    const a = setup();
    connect(a.sockets.last(), { token: 't', conversationId: 'c1', messages: [wireMessage({ seq: 1, text: 'one' })] });
    const stored = JSON.parse(localStorage.getItem(storageKey.state('demo'))!) as { messages: WireMessage[] };
    stored.messages.push(wireMessage({ seq: 2, text: 'two' }));
    window.dispatchEvent(new StorageEvent('storage', { key: storageKey.state('demo'), newValue: JSON.stringify(stored) }));
    a.sockets.last().push({ type: 'message', message: wireMessage({ seq: 2, text: 'two' }) });
    expect(texts(a.store)).toEqual(['one', 'two']);
  });

  it('forgets everything on shutdown', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { token: 't' });
    store.shutdown();
    expect(localStorage.getItem(storageKey.state('demo'))).toBeNull();
    expect(sockets.last().closedWith).toBe(1000);
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
