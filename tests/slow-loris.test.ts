import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends';
import { startServer, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

/** A raw TCP client that reads and drops what it is sent; `closed` resolves when the server hangs up, with the time it took. */
function rawSocket(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, closed }));
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - started)));
    // Read whatever the server says (a 408 when Node's own headers timeout wins the race with the
    // guard's): a paused socket with unread data never sees the end, so it would never emit 'close'.
    socket.resume();
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);

describe('slow-loris and connection floods', () => {
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    server = await startServer(backends()[0]!, { HTTP_HEADERS_TIMEOUT_SECONDS: '1', MAX_CONNECTIONS_PER_IP: '30' });
    port = Number(new URL(server.http).port);
  });
  afterAll(() => server.close());

  it('closes connections that trickle headers without ever finishing them', async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, () => rawSocket(port)));
    for (const c of clients) c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    // One more header line every 200 ms: never idle, never done.
    const trickle = setInterval(() => clients.forEach((c, i) => !c.socket.destroyed && c.socket.write(`X-Slow-${i}: ${Date.now()}\r\n`)), 200);
    try {
      const times = await Promise.all(clients.map((c) => within(c.closed, 4_000)));
      expect(times.every((t) => typeof t === 'number' && t < 4_000)).toBe(true);
    } finally {
      clearInterval(trickle);
    }
    expect((await fetch(`${server.http}/healthz`)).status).toBe(200);
  });

  it('closes connections that never send a byte', async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, () => rawSocket(port)));
    const times = await Promise.all(clients.map((c) => within(c.closed, 4_000)));
    expect(times.every((t) => typeof t === 'number')).toBe(true);
  });

  it('caps the connections one address may hold open, before any request or upgrade', async () => {
    const held = await Promise.all(Array.from({ length: 30 }, () => rawSocket(port)));
    const extra = await rawSocket(port);
    expect(await within(extra.closed, 1_000)).toBeLessThan(1_000);
    // The held ones are still served while they finish their requests in time.
    held[0]!.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      held[0]!.socket.on('data', (d) => (text += String(d)));
      held[0]!.socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${server.http}/healthz`)).status).toBe(200);
  });
});

describe('connection cap behind a trusted proxy', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // 127.0.0.1 is the proxy here: its own connections are not capped, the clients behind it are.
    server = await startServer(backends()[0]!, { TRUST_PROXY: '127.0.0.1', MAX_CONNECTIONS_PER_IP: '3' });
  });
  afterAll(() => server.close());

  it('counts each forwarded client address’s open WebSockets and refuses the upgrade over the cap', async () => {
    const open = (client: string) => TestSocket.open(`${server.ws}/ws/visitor?site=demo`, { 'x-forwarded-for': client });
    const held = await Promise.all([open('198.51.100.7'), open('198.51.100.7'), open('198.51.100.7')]);
    await expect(open('198.51.100.7')).rejects.toThrow(/429/);
    const neighbour = await open('198.51.100.8');
    expect(neighbour.closed).toBeNull();
    held[0]!.close();
    await held[0]!.waitClosed();
    await new Promise((r) => setTimeout(r, 50));
    const again = await open('198.51.100.7');
    expect(again.closed).toBeNull();
    for (const s of [...held, neighbour, again]) s.close();
    // The refused upgrade kept no connection: only what is still closing may remain.
    await Promise.all([...held, neighbour, again].map((s) => s.waitClosed()));
    await new Promise((r) => setTimeout(r, 100));
    expect(await new Promise<number>((r) => server.app.server.getConnections((_e, n) => r(n)))).toBe(0);
  });
});
