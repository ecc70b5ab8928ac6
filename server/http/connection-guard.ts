import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config, TrustProxy } from '../config';

type HttpLimits = Config['http'];

/** Counts open connections per client address; `open` refuses one over `max`, closing a socket releases its slot. */
class OpenCounts {
  private readonly open = new Map<string, number>();
  constructor(private readonly max: number) {}

  admit(address: string, socket: Socket): boolean {
    const n = (this.open.get(address) ?? 0) + 1;
    if (n > this.max) return false;
    this.open.set(address, n);
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    return true;
  }
}

/**
 * Caps the connections one client address may hold open, before any request is parsed or any socket
 * upgraded (slow-loris, descriptor exhaustion). A direct peer is counted at TCP accept; a peer that
 * is a trusted proxy is not (it carries many clients), and the clients behind it are counted per
 * forwarded address when they open a WebSocket, which holds its connection for as long as it lives.
 */
export function guardConnections(app: FastifyInstance, limits: HttpLimits, trustProxy: TrustProxy): void {
  const max = limits.maxConnectionsPerIp;
  const isProxy = (address: string) => (trustProxy === false ? false : typeof trustProxy === 'number' ? trustProxy > 0 : trustProxy.has(address));
  const direct = new OpenCounts(max);
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (!isProxy(address) && !direct.admit(address, socket)) return socket.destroy();
    // A connection that never sends a byte is closed by whichever comes first: this timer, or Node's
    // headers-timeout check, which runs only every connectionsCheckingInterval and answers 408.
    // Once it speaks, the server's own timeouts take over.
    socket.setTimeout(limits.headersTimeoutMs);
    socket.once('data', () => socket.setTimeout(app.server.timeout));
  });
  if (trustProxy === false) return;
  const forwarded = new OpenCounts(max);
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.upgrade?.toLowerCase() !== 'websocket' || !isProxy(request.socket.remoteAddress ?? '')) return;
    if (forwarded.admit(request.ip, request.socket)) return;
    // Answered on the raw socket and closed: a refused upgrade must not keep its connection either.
    reply.hijack();
    const body = JSON.stringify({ type: 'error', code: 'rate_limited', message: 'too many open connections from your address' });
    request.socket.end(`HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, () => request.socket.destroy());
  });
}

/** Node's defaults let a client hold a half-sent request open for minutes; these close it in seconds. */
export function httpTimeouts(t: HttpLimits) {
  return {
    requestTimeout: t.requestTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    // A socket silent this long has no request in progress worth waiting for (WebSockets clear it on upgrade).
    connectionTimeout: t.requestTimeoutMs * 2,
    http: {
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      keepAliveTimeout: t.keepAliveTimeoutMs,
      // Node checks the two timeouts above on this interval (30 s by default, which would triple them).
      connectionsCheckingInterval: Math.max(250, Math.min(5_000, t.headersTimeoutMs / 4)),
    },
  };
}
