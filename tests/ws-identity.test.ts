import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { clientId, pageContext, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
const settle = () => new Promise((r) => setTimeout(r, 150));

for (const backend of backends()) {
  describe(`visitor identity is decided in the database (${backend.name})`, () => {
    let server: RunningServer;
    let secret: string;
    const hashOf = (userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

    beforeAll(async () => {
      server = await startServer(backend);
      secret = (await server.store.sites.byKey('demo'))!.secret;
    });
    afterAll(async () => {
      await server.close();
    });

    /** Another socket on the same visitor token, as a second tab would open. */
    const sameVisitor = async (token: string) => {
      const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
      s.send({ type: 'visitor.hello', protocol: 1, token, lastSeq: 0, context: pageContext() });
      await s.type('visitor.welcome');
      return s;
    };

    it('a stale socket cannot swap a verified identity for another user and read their chat', async () => {
      // The victim, verified, with a private conversation.
      const victim = await visitor(server);
      victim.socket.send({ type: 'visitor.identify', identity: { userId: 'victim-1', userHash: hashOf('victim-1') } });
      const secretText = `my card ends 4242 ${clientId()}`;
      const said = clientId();
      victim.socket.send({ type: 'visitor.send', id: said, text: secretText });
      const victimAck = await victim.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === said);

      // The attacker holds a valid hash for their own id only, and two sockets on one token.
      const first = await visitor(server);
      const second = await sameVisitor(first.welcome.token);
      second.send({ type: 'visitor.identify', identity: { userId: 'attacker-1', userHash: hashOf('attacker-1') } });
      await settle();
      expect(await server.store.visitors.byId(first.welcome.visitorId)).toMatchObject({ userId: 'attacker-1', verified: true });

      // The first socket still believes the visitor is unverified, and claims the victim's id without a hash.
      const from = first.socket.frames.length;
      first.socket.send({ type: 'visitor.identify', identity: { userId: 'victim-1' } });
      expect(await first.socket.next<{ code: string }>((f) => f.type === 'error', 5_000, from)).toMatchObject({ code: 'forbidden' });
      expect(await server.store.visitors.byId(first.welcome.visitorId)).toMatchObject({ userId: 'attacker-1', verified: true });

      // What the attacker writes lands in their own chat; nothing of the victim's reaches them, now or after reconnecting.
      const probe = clientId();
      first.socket.send({ type: 'visitor.send', id: probe, text: 'hello?' });
      const probeAck = await first.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === probe);
      expect(probeAck.conversationId).not.toBe(victimAck.conversationId);
      const again = await visitor(server, { token: first.welcome.token });
      expect(again.welcome.conversationId).toBe(probeAck.conversationId);
      await settle();
      for (const s of [first.socket, second, again.socket]) expect(JSON.stringify(s.frames)).not.toContain(secretText);
      const victimChat = await server.store.messages.after(victimAck.conversationId, 0, 100, true);
      expect(victimChat.filter((m) => m.author === 'visitor').map((m) => m.text)).toEqual([secretText]);
      for (const s of [victim.socket, first.socket, second, again.socket]) s.close();
    });

    it('an unproven claim made first is replaced by a proof, and a proof for another id is refused once verified', async () => {
      const v = await visitor(server);
      v.socket.send({ type: 'visitor.identify', identity: { userId: 'someone-else' } });
      await settle();
      expect(await server.store.visitors.byId(v.welcome.visitorId)).toMatchObject({ userId: 'someone-else', verified: false });
      v.socket.send({ type: 'visitor.identify', identity: { userId: 'real-2', userHash: hashOf('real-2') } });
      await settle();
      expect(await server.store.visitors.byId(v.welcome.visitorId)).toMatchObject({ userId: 'real-2', verified: true });
      const from = v.socket.frames.length;
      v.socket.send({ type: 'visitor.identify', identity: { userId: 'other-3', userHash: hashOf('other-3') } });
      expect(await v.socket.next<Frame>((f) => f.type === 'error', 5_000, from)).toMatchObject({ code: 'forbidden' });
      expect(await server.store.visitors.byId(v.welcome.visitorId)).toMatchObject({ userId: 'real-2', verified: true });
      v.socket.close();
    });

    it('caps attributes in total across identify frames, not per frame', async () => {
      const v = await visitor(server);
      const batch = (n: number) => Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${n}_${i}`, 'x'.repeat(400)]));
      v.socket.send({ type: 'visitor.identify', identity: { attributes: batch(1) } });
      await settle();
      const from = v.socket.frames.length;
      v.socket.send({ type: 'visitor.identify', identity: { attributes: batch(2) } });
      expect(await v.socket.next<Frame>((f) => f.type === 'error', 5_000, from)).toMatchObject({ code: 'bad_request' });
      const stored = await server.store.visitors.byId(v.welcome.visitorId);
      expect(Object.keys(stored!.attributes)).toHaveLength(30);
      // Updating attributes the visitor already has stays possible at the cap.
      v.socket.send({ type: 'visitor.identify', identity: { attributes: { k1_0: 'updated' } } });
      await settle();
      expect((await server.store.visitors.byId(v.welcome.visitorId))!.attributes.k1_0).toBe('updated');
      v.socket.close();
    });
  });
}

describe('requireVerification keeps anonymous visitors out too', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
    const site = (await server.store.sites.byKey('demo'))!;
    await server.store.sites.update(site.id, { settings: { ...site.settings, requireVerification: true } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses chatting until the visitor proves an identity, then lets them chat', async () => {
    const site = (await server.store.sites.byKey('demo'))!;
    const { socket, welcome } = await visitor(server);
    expect(welcome.conversationId).toBeNull();
    for (const frame of [
      { type: 'visitor.send', id: clientId(), text: 'hello' },
      { type: 'visitor.escalate', id: clientId() },
      { type: 'visitor.leave_message', id: clientId(), email: 'a@b.example', text: 'call me' },
    ]) {
      socket.send(frame);
      expect(await socket.next<Frame>((f) => f.type === 'error' && f.id === frame.id)).toMatchObject({ code: 'forbidden' });
    }
    expect(await server.store.conversations.forVisitors([welcome.visitorId])).toEqual([]);

    socket.send({ type: 'visitor.identify', identity: { userId: 'member-9', userHash: createHmac('sha256', site.secret).update('member-9').digest('hex') } });
    const said = clientId();
    socket.send({ type: 'visitor.send', id: said, text: 'now it works' });
    expect(await socket.next<Frame>((f) => (f.type === 'ack' || f.type === 'error') && f.id === said)).toMatchObject({ type: 'ack' });
    socket.close();
  });
});
