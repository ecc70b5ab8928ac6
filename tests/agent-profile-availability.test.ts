import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureReplyTime, ReplyTimes } from '../server/sites/reply-time';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, startServer, visitor, type RunningServer } from './support/server';

requirePostgresInCi();

type Msg = { type: string; message?: { author: string; text: string; authorName: string | null; authorAvatar?: string | null } };

for (const backend of backends()) {
  describe(`what visitors see of agents and of the team's hours (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    }, 120_000);
    afterAll(async () => {
      await server.close();
    });

    const patchMe = (cookie: string, body: unknown) =>
      fetch(`${server.http}/api/auth/me`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    /** A visitor asks for a person; `a` claims and answers. Returns the visitor socket. */
    async function answered(a: Awaited<ReturnType<typeof agent>>, text: string) {
      const v = await visitor(server);
      v.socket.send({ type: 'visitor.send', id: clientId(), text: 'hello there' });
      await v.socket.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
      v.socket.send({ type: 'visitor.escalate', id: clientId() });
      const queued = await v.socket.next<{ conversationId: string }>((f) => f.type === 'status' && f.status === 'queued');
      const claim = clientId();
      a.socket.send({ type: 'agent.claim', id: claim, conversationId: queued.conversationId });
      await a.socket.next((f) => f.id === claim);
      a.socket.send({ type: 'agent.send', id: clientId(), conversationId: queued.conversationId, text });
      const reply = await v.socket.next<Msg>((f) => f.type === 'message' && (f as Msg).message?.text === text);
      return { v, reply, conversationId: queued.conversationId };
    }

    it('lets an agent set an https avatar and name; their next replies carry both, a bad address changes nothing', async () => {
      const ana = await agent(server, 'agent@demo.test');
      const refused = await patchMe(ana.cookie, { avatarUrl: 'http://cdn.example/ana.png', name: 'Ana L.' });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { code: string }).code).toBe('bad_request');
      expect((await server.store.agents.byId(ana.welcome.agent.id))?.name).toBe(ana.welcome.agent.name);

      const before = await answered(ana, 'before the profile');
      expect(before.reply.message?.authorAvatar).toBeUndefined();

      const ok = await patchMe(ana.cookie, { avatarUrl: 'https://cdn.example/ana.png', name: 'Ana L.' });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { agent: { avatarUrl: string } }).agent.avatarUrl).toBe('https://cdn.example/ana.png');
      const after = await answered(ana, 'after the profile');
      expect(after.reply.message).toMatchObject({ authorName: 'Ana L.', authorAvatar: 'https://cdn.example/ana.png' });
      // A reconnecting visitor gets the same from the stored message.
      const again = await visitor(server, { token: after.v.welcome.token });
      expect(again.welcome.messages.at(-1)).toMatchObject({ text: 'after the profile', authorAvatar: 'https://cdn.example/ana.png' });

      // Removing the picture: later replies fall back to initials (no avatar on the wire).
      expect((await patchMe(ana.cookie, { avatarUrl: null })).status).toBe(200);
      expect((await server.store.agents.byId(ana.welcome.agent.id))?.avatarUrl).toBeNull();
      ana.socket.close();
    });

    it('tells visitors the measured usual reply time once enough chats were answered, and the owner can state it instead', async () => {
      const siteId = (await server.store.sites.byKey('demo'))!.id;
      const sam = await agent(server, 'admin@demo.test');
      // The first test answered two chats on this server: below the three a median needs.
      expect(await measureReplyTime(server.store.sql, siteId)).toEqual({ samples: 2, medianMinutes: null });
      await answered(sam, 'third answer');
      const measured = await measureReplyTime(server.store.sql, siteId);
      expect(measured).toEqual({ samples: 3, medianMinutes: 1 });

      // Cached per node: a later answer does not change what a fresh welcome says until the cache expires.
      let now = 0;
      const times = new ReplyTimes(server.store.sql, 60_000, () => now);
      expect(await times.minutes(siteId, null)).toBe(1);
      expect(await times.minutes(siteId, 45)).toBe(45);
      now = 61_000;
      expect(await times.minutes(siteId, null)).toBe(1);

      // The server's own cache was filled by the first welcomes (no answers yet): it says nothing for now.
      const availability = async () => ((await visitor(server)).welcome as unknown as { availability: unknown }).availability;
      expect(await availability()).toEqual({ open: true, nextOpenAt: null, replyMinutes: null });
      // The owner's figure needs no cache; closed hours say when the team is back.
      const site = (await server.store.sites.byId(siteId))!;
      const closedAllWeek = { timeZone: 'UTC', days: { [['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(new Date().getUTCDay() + 2) % 7]!]: [['09:00', '10:00']] } };
      await server.store.sites.update(siteId, { settings: { ...site.settings, replyTimeMinutes: 45, businessHours: closedAllWeek as typeof site.settings.businessHours } });
      const later = (await availability()) as { open: boolean; nextOpenAt: number; replyMinutes: number };
      expect(later).toMatchObject({ open: false, replyMinutes: 45 });
      expect(new Date(later.nextOpenAt).getUTCDay()).toBe((new Date().getUTCDay() + 2) % 7);
      expect(new Date(later.nextOpenAt).getUTCHours()).toBe(9);
      await server.store.sites.update(siteId, { settings: site.settings });
      sam.socket.close();
    });
  });
}
