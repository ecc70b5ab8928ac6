import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../shared/errors';
import { LIMITS } from '../shared/limits';
import { VisitorToServer } from '../shared/protocol/index';
import { backends } from './support/backends';
import { clientId, signIn, startServer, visitor, type RunningServer } from './support/server';

/** Small seeded PRNG (mulberry32) so a failure can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const TYPES = ['visitor.hello', 'visitor.send', 'visitor.typing', 'visitor.page', 'visitor.escalate', 'visitor.feedback', 'visitor.choose', 'visitor.csat', 'visitor.identify', 'visitor.leave_message', 'visitor.transcript', 'ping', 'agent.send', 'error', '__proto__', ''];
const STRINGS = ['', ' ', 'x'.repeat(LIMITS.messageText + 1), '<script>alert(1)</script>', '\u0000\u202e\ud800', '💥'.repeat(50), '{"type":"ping"}', 'constructor', '__proto__', 'ok-id-123456'];

/** A hostile value: wrong types, deep nesting, prototype keys, huge or odd strings. */
function value(r: ReturnType<typeof rng>, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 9)) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, 5]);
    case 3: return r.pick(STRINGS);
    case 4: return 'y'.repeat(r.int(5_000));
    case 5: return r.pick(TYPES);
    case 6: return Array.from({ length: r.int(5) }, () => value(r, depth + 1));
    case 7: return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(['type', 'id', 'text', 'context', '__proto__', 'constructor', 'identity', 'rating', 'x']), value(r, depth + 1)]));
    default: {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 500 + r.int(2_000); i++) deep = { a: deep };
      return deep;
    }
  }
}

/** A frame that is almost right: a known type with fields missing, mistyped or hostile. */
function frame(r: ReturnType<typeof rng>): string {
  const kind = r.int(10);
  if (kind === 0) return r.pick(['', 'null', '[]', '"x"', '{', '{"type":', '\u0000', 'true', '1e999']);
  if (kind === 1) return JSON.stringify(value(r));
  const f: Record<string, unknown> = { type: r.pick(TYPES) };
  for (const key of ['id', 'text', 'context', 'identity', 'rating', 'conversationId', 'articleId', 'messageSeq', 'helpful', 'email', 'typing']) {
    if (r.next() < 0.5) f[key] = r.next() < 0.3 ? 'ok-id-123456' : value(r);
  }
  return JSON.stringify(f);
}

describe('a generated corpus of hostile frames and REST bodies against a running server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!, { RATE_CONNECTIONS_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers every invalid frame with one typed error, stores nothing, and keeps memory bounded', async () => {
    const r = rng(20_261_122);
    const heapBefore = process.memoryUsage().heapUsed;
    let invalid = 0;
    for (let round = 0; round < 60; round++) {
      const { socket, welcome } = await visitor(server);
      let expected = 0;
      const start = socket.frames.length;
      for (let i = 0; i < 15; i++) {
        const raw = frame(r);
        let valid = false;
        try {
          valid = VisitorToServer.safeParse(JSON.parse(raw)).success;
        } catch {
          valid = false;
        }
        if (valid) continue; // the rare valid one is not what this test is about
        socket.send(raw);
        expected++;
      }
      socket.send({ type: 'ping' });
      await socket.next((f) => f.type === 'pong', 5_000, start);
      const answers = socket.frames.slice(start).filter((f) => f.type !== 'pong');
      expect(answers).toHaveLength(expected);
      for (const a of answers) {
        expect(a.type).toBe('error');
        expect(ErrorCode.safeParse(a.code).success).toBe(true);
        expect(String(a.message)).not.toMatch(/at .+\.(ts|js):\d+|TypeError|undefined is not/);
      }
      invalid += expected;
      expect(await server.store.conversations.latestForVisitor(welcome.visitorId)).toBeUndefined();
      socket.close();
    }
    expect(invalid).toBeGreaterThan(700);
    const health = await fetch(`${server.http}/healthz`);
    expect(health.status).toBe(200);
    // Generous: the corpus itself is tens of MB of strings passing through; a leak per frame would show.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('answers hostile REST bodies with 4xx typed errors, never a 500', async () => {
    const r = rng(7);
    const admin = await signIn(server, 'admin@demo.test');
    const cannedBefore = (await server.store.canned.all()).length;
    const routes: Array<[string, string]> = [
      ['POST', '/api/auth/login'],
      ['POST', '/api/canned'],
      ['PUT', '/api/canned/x'],
      ['POST', '/api/admin/agents'],
      ['PATCH', '/api/admin/agents/nobody'],
      ['PATCH', '/api/admin/sites/nope'],
      ['POST', '/api/admin/sites'],
      ['POST', '/api/admin/sites/nope/secret/rotate'],
      ['PUT', '/api/kb/articles/bad..id'],
      ['POST', '/api/kb/sync'],
      ['POST', '/api/kb/articles/nope/questions'],
    ];
    for (let i = 0; i < 300; i++) {
      const [method, path] = r.pick(routes);
      const body = r.next() < 0.2 ? r.pick(['{', 'null', '[]', '"x"', '']) : JSON.stringify(value(r));
      const res = await fetch(`${server.http}${path}`, { method, headers: { 'content-type': 'application/json', cookie: admin }, body });
      expect(res.status, `${method} ${path} ${body.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path} ${body.slice(0, 80)}`).toBeLessThan(500);
      const json = (await res.json()) as { type: string; code: string };
      expect(json.type).toBe('error');
    }
    expect((await server.store.canned.all()).length).toBe(cannedBefore);
  });

  it('survives frames over the hard size limit by closing only that socket', async () => {
    const { socket } = await visitor(server);
    socket.send('x'.repeat(70 * 1024));
    expect((await socket.waitClosed()).code).toBe(1009);
    const { socket: other } = await visitor(server);
    const id = clientId();
    other.send({ type: 'visitor.send', id, text: 'still serving' });
    await other.next((f) => f.type === 'ack' && f.id === id);
    other.close();
  });
});
