import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleTrust } from '../server/conversations/article-trust';
import { backends, requirePostgresInCi } from './support/backends';
import { clientId, signIn, startServer, visitor, type RunningServer } from './support/server';
import type { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
interface BotMessage {
  seq: number;
  author: string;
  bot: { type: string; article?: { id: string }; suggestions?: { id: string }[] } | null;
}
const botReply = (f: Frame) => f.type === 'message' && (f.message as BotMessage).author === 'bot';

async function ask(socket: TestSocket, text: string): Promise<BotMessage> {
  socket.send({ type: 'visitor.send', id: clientId(), text });
  return (await socket.next<{ message: BotMessage }>(botReply)).message;
}

for (const backend of backends()) {
  describe(`the bot learns from live traffic (${backend.name})`, () => {
    let server: RunningServer;
    let agentCookie: string;
    let adminCookie: string;
    beforeAll(async () => {
      server = await startServer(backend);
      agentCookie = await signIn(server, 'agent@demo.test');
      adminCookie = await signIn(server, 'admin@demo.test');
    }, 120_000); // PGlite's start and migrations, slow on a busy machine
    afterAll(async () => {
      await server.close();
    });

    const post = (path: string, cookie: string) => fetch(`${server.http}${path}`, { method: 'POST', headers: { cookie } });
    const conversationOf = async (visitorId: string) => (await server.store.conversations.forVisitors([visitorId], 1))[0]!.id;

    it('a visitor\'s "no" and an agent\'s "wrong answer" make the bot suggest instead of answer', async () => {
      const QUESTION = 'How do I reset my password?';
      const { socket: first, welcome } = await visitor(server);
      const answer = await ask(first, QUESTION);
      expect(answer.bot?.type).toBe('answer');
      const articleId = answer.bot!.article!.id;

      first.send({ type: 'visitor.feedback', id: clientId(), articleId, messageSeq: answer.seq, helpful: false });
      await first.next((f) => f.type === 'status' && (f.status === 'queued' || f.status === 'offline'));
      const conversationId = await conversationOf(welcome.visitorId);
      const stored = await server.store.trust.since(0);
      expect(stored.map((s) => [s.source, s.articleId, s.question, s.actorId])).toEqual([['visitor_unhelpful', articleId, QUESTION, welcome.visitorId]]);

      // One visitor's "no" alone does not stop the answer.
      const { socket: second } = await visitor(server);
      expect((await ask(second, QUESTION)).bot?.type).toBe('answer');

      const path = `/api/conversations/${conversationId}/messages/${answer.seq}/wrong-answer`;
      expect((await post(path, '')).status).toBe(401);
      const marked = await post(path, agentCookie);
      expect(marked.status).toBe(200);
      expect(await marked.json()).toEqual({ marked: true, articleId });
      expect((await post(path, agentCookie)).status).toBe(200); // twice is once
      expect((await server.store.trust.since(0)).filter((s) => s.source === 'agent_marked_wrong')).toHaveLength(1);

      const { socket: third } = await visitor(server);
      const now = await ask(third, 'how do i reset my password');
      expect(now.bot?.type).toBe('suggest');
      expect(now.bot?.suggestions?.[0]?.id).toBe(articleId);
      // A different question about the same article is not affected.
      const { socket: fourth } = await visitor(server);
      expect((await ask(fourth, 'forgot my password')).bot?.type).toBe('answer');

      // Persisted: a restarted node reads the same trust back.
      const reloaded = new ArticleTrust(server.store);
      await reloaded.load();
      const site = (await server.store.sites.byKey('demo'))!;
      expect(reloaded.forSite(site.id)(articleId, QUESTION)).toBeCloseTo(server.app.services.trust.forSite(site.id)(articleId, QUESTION), 6);
      expect(reloaded.forSite(site.id)(articleId, QUESTION)).toBeLessThan(0.6);
      for (const s of [first, second, third, fourth]) s.close();
    });

    it('refuses bad marks with a clear error and changes nothing', async () => {
      const { socket, welcome } = await visitor(server);
      const reply = await ask(socket, 'where is my order');
      const conversationId = await conversationOf(welcome.visitorId);
      const before = (await server.store.trust.since(0)).length;
      const cases: [string, number, string][] = [
        [`/api/conversations/${conversationId}/messages/abc/wrong-answer`, 400, 'bad_request'],
        [`/api/conversations/${conversationId}/messages/${reply.seq - 1}/wrong-answer`, 404, 'not_found'], // the visitor's message
        [`/api/conversations/${conversationId}/messages/999/wrong-answer`, 404, 'not_found'],
        [`/api/conversations/nope/messages/${reply.seq}/wrong-answer`, 404, 'not_found'],
      ];
      for (const [path, status, code] of cases) {
        const res = await post(path, agentCookie);
        expect(res.status, path).toBe(status);
        expect(((await res.json()) as { code: string }).code).toBe(code);
      }
      expect((await server.store.trust.since(0)).length).toBe(before);
      socket.close();
    });

    it('counts a handover asked for right after an answer, and lists what lost trust for admins only', async () => {
      const { socket, welcome } = await visitor(server);
      const answer = await ask(socket, 'where is my order');
      expect(answer.bot?.type).toBe('answer');
      socket.send({ type: 'visitor.escalate', id: clientId() });
      await socket.next((f) => f.type === 'status' && (f.status === 'queued' || f.status === 'offline'));
      // Typed instead of the button: the same signal.
      const typed = await visitor(server);
      const second = await ask(typed.socket, 'How long does shipping take?');
      expect(second.bot?.type).toBe('answer');
      typed.socket.send({ type: 'visitor.send', id: clientId(), text: 'I want to talk to a human please' });
      await typed.socket.next((f) => f.type === 'status' && (f.status === 'queued' || f.status === 'offline'));
      // A handover with no answer before it is not one.
      const plain = await visitor(server);
      plain.socket.send({ type: 'visitor.escalate', id: clientId() });
      await plain.socket.next((f) => f.type === 'status' && (f.status === 'queued' || f.status === 'offline'));

      const strikes = (await server.store.trust.since(0)).filter((s) => s.source === 'handover_after_answer');
      expect(strikes.map((s) => [s.articleId, s.question, s.actorId])).toEqual([
        [answer.bot!.article!.id, 'where is my order', welcome.visitorId],
        [second.bot!.article!.id, 'How long does shipping take?', typed.welcome.visitorId],
      ]);
      typed.socket.close();
      plain.socket.close();

      expect((await fetch(`${server.http}/api/ops/article-trust`, { headers: { cookie: agentCookie } })).status).toBe(403);
      const res = await fetch(`${server.http}/api/ops/article-trust`, { headers: { cookie: adminCookie } });
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: { articleId: string; site: string; title: string; visitorUnhelpful: number; agentMarkedWrong: number; handoverAfterAnswer: number; lowestTrust: number }[] };
      expect(items[0]).toMatchObject({ articleId: 'reset-password', site: 'demo', visitorUnhelpful: 1, agentMarkedWrong: 1, handoverAfterAnswer: 0 });
      expect(items[0]?.title).toBeTruthy();
      expect(items[0]!.lowestTrust).toBeCloseTo(0.55, 5);
      expect(items.find((i) => i.articleId === answer.bot!.article!.id)?.handoverAfterAnswer).toBe(1);
      socket.close();
    });
  });
}
