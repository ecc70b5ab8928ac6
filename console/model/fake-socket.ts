import type { AgentToServer, ServerToAgent } from '../../shared/protocol/index';
import type { SocketLike } from '../../shared/socket';
import type { SocketFactory } from './connection';

/** A WebSocket stand-in for tests: records what the console sends, delivers what the test says. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: AgentToServer[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data) as AgentToServer);
  }
  close() {}
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(frame: ServerToAgent | Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
}

export function fakeSockets(): { sockets: FakeSocket[]; latest(): FakeSocket; factory: SocketFactory } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    latest: () => {
      const s = sockets[sockets.length - 1];
      if (!s) throw new Error('no socket was opened');
      return s;
    },
    factory: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
  };
}
