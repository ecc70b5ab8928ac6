import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './fake-socket';
import { createConsoleStore } from './store';
import { agentAna, queueItem } from './fixtures';

function setup() {
  const sockets: FakeSocket[] = [];
  const onSignedOut = vi.fn();
  const onArrivals = vi.fn();
  const store = createConsoleStore({
    url: 'ws://test/ws/agent',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    onSignedOut,
    onArrivals,
  });
  store.start();
  const socket = () => sockets[sockets.length - 1]!;
  socket().open();
  socket().receive({ type: 'agent.welcome', protocol: 1, agent: agentAna, presence: 'online', queue: [], mine: [], tickets: [] });
  return { store, sockets, socket, onSignedOut, onArrivals };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('console store', () => {
  it('says hello with the protocol version as soon as the socket opens', () => {
    const { socket, store } = setup();
    expect(socket().sent[0]).toEqual({ type: 'agent.hello', protocol: 1 });
    expect(store.getState().me?.name).toBe('Ana');
  });

  it('ignores frames that do not match the protocol', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { socket, store } = setup();
    const before = store.getState();
    socket().receive({ type: 'queue', items: [{ conversationId: 42 }] } as Record<string, unknown>);
    socket().receive({ type: 'rm -rf' });
    expect(store.getState()).toBe(before);
  });

  it('returns to sign-in when the server closes with 4001, without reconnecting', () => {
    vi.useFakeTimers();
    const { socket, sockets, onSignedOut } = setup();
    socket().drop(4001);
    vi.advanceTimersByTime(60_000);
    expect(onSignedOut).toHaveBeenCalledOnce();
    expect(sockets).toHaveLength(1);
  });

  it('reconnects after a drop and resends what was never acknowledged', () => {
    vi.useFakeTimers();
    const { store, socket, sockets } = setup();
    store.send('conv1', 'Are you still there?', 'text');
    const sent = socket().sent.find((f) => f.type === 'agent.send');
    expect(sent).toBeDefined();
    socket().drop(1006);
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(2);
    socket().open();
    socket().receive({ type: 'agent.welcome', protocol: 1, agent: agentAna, presence: 'online', queue: [], mine: [], tickets: [] });
    expect(socket().sent).toContainEqual(sent);
  });

  it('announces chats that join the queue, not the ones already waiting', () => {
    const { socket, onArrivals } = setup();
    socket().receive({ type: 'queue', items: [queueItem({ conversationId: 'a', visitorName: 'Ana' })] });
    socket().receive({ type: 'queue', items: [queueItem({ conversationId: 'a' }), queueItem({ conversationId: 'b' })] });
    expect(onArrivals.mock.calls.map(([items]) => items.map((q: { conversationId: string }) => q.conversationId))).toEqual([['a'], ['b']]);
  });

  it('claims with an idempotent id and opens the chat to show its context', () => {
    const { store, socket } = setup();
    store.claim('conv1');
    const types = socket().sent.map((f) => f.type);
    expect(types).toContain('agent.open');
    expect(socket().sent.find((f) => f.type === 'agent.claim')).toMatchObject({ conversationId: 'conv1', id: expect.stringMatching(/^[\w-]{8,64}$/) });
    expect(store.getState().activeId).toBe('conv1');
  });

  it('tells the visitor the agent is typing at most every few seconds, and when they stop', () => {
    vi.useFakeTimers();
    const { store, socket } = setup();
    for (let i = 0; i < 10; i++) {
      store.typing('conv1', true);
      vi.advanceTimersByTime(200);
    }
    const typing = () => socket().sent.filter((f) => f.type === 'agent.typing');
    expect(typing()).toEqual([{ type: 'agent.typing', conversationId: 'conv1', typing: true }]);
    vi.advanceTimersByTime(5_000);
    expect(typing().at(-1)).toEqual({ type: 'agent.typing', conversationId: 'conv1', typing: false });
  });
});
