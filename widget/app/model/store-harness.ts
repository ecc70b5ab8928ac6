/** The store tests' common ground: a store on fake sockets, a server's welcome, and the transcript as the visitor sees it. */
import { openStorage, type KeyValueStore } from '../../shared/safe-storage';
import type { WireMessage } from '../../../shared/protocol/index';
import { welcome, wireMessage } from '../protocol/fixtures';
import { socketFactory, type FakeSocket } from './fake-socket';
import { ChatStore, type StoreOptions } from './store';
import { timeline } from './timeline';

export function memoryStorage(): KeyValueStore {
  return openStorage({ get localStorage(): Storage { throw new Error('blocked'); } });
}

export function setup(over: Partial<StoreOptions> = {}) {
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
export function connect(socket: FakeSocket, over: Parameters<typeof welcome>[0] = {}) {
  socket.open();
  socket.push(welcome(over));
}

export const visitorEcho = (id: string, seq: number, text: string): WireMessage => wireMessage({ id, seq, author: 'visitor', text });
export const texts = (store: ChatStore) => timeline(store.getState()).map((e) => `${e.message.text}${e.state === 'sent' ? '' : ` (${e.state})`}`);
