// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireMessage } from '../../../shared/protocol/index';
import { openStorage, storageKey } from '../../shared/safe-storage';
import { welcome, wireMessage } from '../protocol/fixtures';
import { socketFactory } from './fake-socket';
import { ChatStore } from './store';
import { connect, memoryStorage, setup, texts } from './store-harness';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('ChatStore: connection, storage and other tabs', () => {
  it('introduces a new visitor and keeps the token it is given', () => {
    const { store, sockets } = setup();
    connect(sockets.last(), { token: 'tok-9' });
    const hello = sockets.last().sentOf('visitor.hello')[0];
    expect(hello).toMatchObject({ protocol: 1, token: null, lastSeq: 0, locale: 'en' });
    expect(hello?.context.url).toBe(location.href);
    expect(store.getState().connection).toBe('online');
    expect(localStorage.getItem(storageKey.state('demo'))).toContain('tok-9');
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
