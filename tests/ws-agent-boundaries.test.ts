import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../shared/limits';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, signIn, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe('/ws/agent checks Origin (cross-site WebSocket hijacking)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!, { AGENT_ALLOWED_ORIGINS: 'https://console.example, http://localhost:5173' });
  });
  afterAll(async () => {
    await server.close();
  });

  const open = async (origin?: string) => {
    const cookie = await signIn(server, 'agent@demo.test');
    const s = await TestSocket.open(`${server.ws}/ws/agent`, origin === undefined ? { cookie } : { cookie, origin });
    s.send({ type: 'agent.hello', protocol: 1 });
    return s;
  };

  it('refuses a page on another port, scheme or host even with the agent cookie, and sends it nothing', async () => {
    const port = new URL(server.http).port;
    for (const origin of [`http://127.0.0.1:${Number(port) + 1}`, `https://127.0.0.1:${port}`, 'http://evil.example', 'null']) {
      const s = await open(origin);
      expect(await s.waitClosed()).toEqual({ code: CLOSE.forbiddenOrigin, reason: 'origin not allowed for the console' });
      expect(s.frames).toEqual([]);
    }
  });

  it('accepts the console own origin, the configured ones, and clients that send no Origin', async () => {
    for (const origin of [server.http, 'https://console.example', 'http://localhost:5173', undefined]) {
      const s = await open(origin);
      await s.type('agent.welcome');
      s.close();
    }
  });
});

for (const backend of backends()) {
  describe(`an agent who loses access stops receiving at once (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    });
    afterAll(async () => {
      await server.close();
    });

    /** A visitor in the queue, claimed by the agent behind `socket`. */
    const claimedChat = async (socket: TestSocket) => {
      const v = await visitor(server);
      v.socket.send({ type: 'visitor.escalate', id: clientId() });
      const status = await v.socket.next<{ conversationId: string }>((f) => f.type === 'status' && f.status === 'queued');
      const claim = clientId();
      socket.send({ type: 'agent.claim', id: claim, conversationId: status.conversationId });
      await socket.next((f) => f.type === 'ack' && f.id === claim);
      return { v, conversationId: status.conversationId };
    };

    it('a disabled agent gets no visitor message sent after the disablement, and is sent to sign in', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const admin = await agent(server, 'admin@demo.test');
      const { v } = await claimedChat(alex.socket);
      const res = await fetch(`${server.http}/api/admin/agents/${alex.welcome.agent.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: admin.cookie },
        body: JSON.stringify({ disabled: true }),
      });
      expect(res.status).toBe(200);
      const secret = `after disable ${clientId()}`;
      v.socket.send({ type: 'visitor.send', id: clientId(), text: secret });
      expect((await alex.socket.waitClosed(3_000)).code).toBe(CLOSE.unauthorized);
      await settle();
      expect(JSON.stringify(alex.socket.frames)).not.toContain(secret);
      await fetch(`${server.http}/api/admin/agents/${alex.welcome.agent.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: admin.cookie }, body: JSON.stringify({ disabled: false }) });
      v.socket.close();
      admin.socket.close();
    });

    it('a chat transferred to someone else stops flowing to the agent who had it open', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const admin = await agent(server, 'admin@demo.test');
      const { v, conversationId } = await claimedChat(alex.socket);
      alex.socket.send({ type: 'agent.open', conversationId });
      await alex.socket.type('conversation');
      const before = clientId();
      v.socket.send({ type: 'visitor.send', id: before, text: `while mine ${before}` });
      await alex.socket.next((f) => f.type === 'message' && (f.message as { text: string }).text === `while mine ${before}`);

      const move = clientId();
      alex.socket.send({ type: 'agent.transfer', id: move, conversationId, toAgentId: admin.welcome.agent.id });
      await alex.socket.next((f) => f.type === 'ack' && f.id === move);
      const after = `after transfer ${clientId()}`;
      v.socket.send({ type: 'visitor.send', id: clientId(), text: after });
      await admin.socket.next((f: Frame) => f.type === 'message' && (f.message as { text: string }).text === after);
      await settle();
      expect(JSON.stringify(alex.socket.frames)).not.toContain(after);
      for (const s of [alex.socket, admin.socket, v.socket]) s.close();
    });
  });
}
