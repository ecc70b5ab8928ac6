import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, signIn, startServer, visitor, type RunningServer } from './support/server';

requirePostgresInCi();

for (const backend of backends()) {
  describe(`agent capacity from the admin API (${backend.name})`, () => {
    let server: RunningServer;
    let admin: string;
    const patch = async (id: string, body: unknown, cookie = admin) => {
      const res = await fetch(`${server.http}/api/admin/agents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    };
    beforeAll(async () => {
      server = await startServer(backend);
      admin = await signIn(server, 'admin@demo.test');
    });
    afterAll(async () => {
      await server.close();
    });

    it('validates capacity and changes nothing on bad input', async () => {
      const alex = (await server.store.agents.byEmail('agent@demo.test'))!;
      for (const capacity of [0, 51, 1.5, '2', null]) {
        const r = await patch(alex.id, { capacity });
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ type: 'error', code: 'bad_request' });
      }
      expect((await server.store.agents.byId(alex.id))!.capacity).toBe(alex.capacity);
      expect((await patch(alex.id, { capacity: 2 }, await signIn(server, 'agent@demo.test'))).status).toBe(403);
      expect((await server.store.agents.byId(alex.id))!.capacity).toBe(alex.capacity);
    });

    it('auto-assignment gives an agent no more chats than the capacity an admin set', async () => {
      const alex = (await server.store.agents.byEmail('agent@demo.test'))!;
      const set = await patch(alex.id, { capacity: 1 });
      expect(set).toMatchObject({ status: 200, body: { id: alex.id, capacity: 1 } });
      const site = (await server.store.sites.byKey('demo'))!;
      await server.store.sites.update(site.id, { settings: { ...site.settings, assignMode: 'auto' } });
      const online = await agent(server, 'agent@demo.test');
      const conversations: string[] = [];
      for (let i = 0; i < 2; i++) {
        const v = await visitor(server);
        const id = clientId();
        v.socket.send({ type: 'visitor.escalate', id });
        conversations.push((await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === id)).conversationId);
        v.socket.close();
      }
      const rows = await Promise.all(conversations.map((c) => server.store.conversations.byId(c)));
      expect(rows.map((r) => [r?.status, r?.agentId ?? null])).toEqual([
        ['assigned', alex.id],
        ['queued', null],
      ]);
      online.socket.close();
    });
  });
}
