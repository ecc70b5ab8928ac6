import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits';
import { backends, requirePostgresInCi } from './support/backends';
import { fill } from './support/fill';
import { agent, clientId, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
type Page = { messages: Array<{ seq: number; kind: string }>; earlier?: boolean; more?: boolean };
const bytes = (f: unknown) => Buffer.byteLength(JSON.stringify(f));
/** Non-ASCII and long: the worst case for a frame's bytes per message. */
const longText = 'é'.repeat(LIMITS.messageText - 10);

for (const backend of backends()) {
  describe(`lists reach clients in bounded pages (${backend.name})`, () => {
    let server: RunningServer;
    let conversationId: string;
    let token: string;
    beforeAll(async () => {
      server = await startServer(backend);
      const v = await visitor(server);
      const said = clientId();
      v.socket.send({ type: 'visitor.escalate', id: said });
      conversationId = (await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === said)).conversationId;
      token = v.welcome.token;
      v.socket.close();
      await fill(server, conversationId, 500, longText);
    });
    afterAll(async () => {
      await server.close();
    });

    it('the console opens a 500-message chat and loads every earlier page, each frame under the guard', async () => {
      const a = await agent(server, 'admin@demo.test');
      a.socket.send({ type: 'agent.open', conversationId });
      const opened = await a.socket.type<Frame & Page>('conversation', 10_000);
      expect(bytes(opened)).toBeLessThan(LIMITS.serverFrameBytes);
      expect(opened.earlier).toBe(true);
      expect(opened.messages.at(-1)!.seq).toBe(500);
      const seqs = opened.messages.map((m) => m.seq);
      let earlier = opened.earlier;
      let pages = 1;
      while (earlier) {
        const from = a.socket.frames.length;
        a.socket.send({ type: 'agent.history', conversationId, beforeSeq: seqs[0]! });
        const page = await a.socket.next<Frame & Page>((f) => f.type === 'history', 10_000, from);
        expect(bytes(page)).toBeLessThan(LIMITS.serverFrameBytes);
        expect(page.messages.length).toBeGreaterThan(0);
        seqs.unshift(...page.messages.map((m) => m.seq));
        earlier = page.earlier;
        pages++;
      }
      expect(seqs).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(pages).toBeGreaterThan(3);
      a.socket.close();
    });

    it('the widget replays the same chat in pages with visitor.history, each under the guard', async () => {
      const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
      s.send({ type: 'visitor.hello', protocol: 1, token, lastSeq: 0, conversationId: null, context: { url: 'https://shop.example/', title: 'Shop' } });
      const welcome = await s.type<Frame & Page>('visitor.welcome', 10_000);
      expect(bytes(welcome)).toBeLessThan(LIMITS.serverFrameBytes);
      const seqs = welcome.messages.map((m) => m.seq);
      let more = welcome.more;
      while (more) {
        const from = s.frames.length;
        s.send({ type: 'visitor.history', conversationId, afterSeq: seqs.at(-1)! });
        const page = await s.next<Frame & Page>((f) => f.type === 'replay', 10_000, from);
        expect(bytes(page)).toBeLessThan(LIMITS.serverFrameBytes);
        seqs.push(...page.messages.map((m) => m.seq));
        more = page.more;
      }
      expect(seqs).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      s.close();
    });

    it('a visitor cannot page through a conversation that is not theirs', async () => {
      const other = await visitor(server);
      other.socket.send({ type: 'visitor.history', conversationId, afterSeq: 0 });
      expect(await other.socket.type('error')).toMatchObject({ code: 'not_found' });
      expect(other.socket.frames.some((f) => f.type === 'replay')).toBe(false);
      other.socket.close();
    });

    it('agent.welcome carries a bounded first page of 200 tickets, with the total', async () => {
      const before = (await server.store.conversations.ticketPage(1)).total;
      for (let i = 0; i < 200; i++) {
        const v = await server.store.visitors.create((await server.store.sites.byKey('demo'))!.id, null);
        const c = await server.store.conversations.create({ siteId: v.siteId, visitorId: v.id, context: null });
        await server.store.messages.append({ conversationId: c.id, id: `ticket_${i}_xxxx`, author: 'visitor', authorId: v.id, authorName: null, kind: 'text', text: longText, bot: null, system: null });
        await server.store.conversations.setStatus(c.id, { status: 'offline' });
      }
      const a = await agent(server);
      const welcome = a.socket.frames.find((f) => f.type === 'agent.welcome') as Frame & { tickets: Array<{ lastMessage: string }>; ticketsTotal: number };
      expect(bytes(welcome)).toBeLessThan(LIMITS.serverFrameBytes);
      expect(welcome.tickets).toHaveLength(LIMITS.summaryPage);
      expect(welcome.ticketsTotal).toBe(before + 200);
      const previews = welcome.tickets.map((t) => t.lastMessage).filter((m) => m !== null);
      expect(previews.length).toBeGreaterThan(40);
      for (const p of previews) expect(p.length).toBeLessThanOrEqual(LIMITS.previewChars);
      a.socket.close();
    });
  });
}
