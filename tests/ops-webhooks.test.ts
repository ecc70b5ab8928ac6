import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, verify } from '../server/webhooks/index';
import { startReceiver, until } from '../server/webhooks/test-receiver';
import { backends, requirePostgresInCi } from './support/backends';
import { clientId, signIn, startServer, visitor, type RunningServer } from './support/server';

requirePostgresInCi();

const SLOW_MS = 5_000;

for (const backend of backends()) {
  describe(`webhooks on the running server (${backend.name})`, () => {
    let server: RunningServer;
    let admin: string;
    let slow: Awaited<ReturnType<typeof startReceiver>>;
    let slack: Awaited<ReturnType<typeof startReceiver>>;
    const api = async (method: string, path: string, body?: unknown, cookie = admin) => {
      const res = await fetch(`${server.http}${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    };

    beforeAll(async () => {
      server = await startServer(backend, { OUTBOUND_ALLOW_NETWORKS: '127.0.0.1' });
      admin = await signIn(server, 'admin@demo.test');
      slow = await startReceiver((_r, _n, res) => void setTimeout(() => res.end('ok'), SLOW_MS));
      slack = await startReceiver();
    });
    afterAll(async () => {
      await server.close();
      await Promise.all([slow.close(), slack.close()]);
    });

    it('lets only admins manage webhooks and refuses URLs that are not http(s)', async () => {
      const agent = await signIn(server, 'agent@demo.test');
      expect((await api('GET', '/api/ops/webhooks', undefined, agent)).status).toBe(403);
      expect(await api('POST', '/api/ops/webhooks', { site: 'demo', url: 'ftp://files.example/x', events: ['conversation.started'] })).toEqual({
        status: 400, body: { type: 'error', code: 'bad_request', message: 'webhook: url: url must be an http:// or https:// URL' },
      });
      expect((await api('POST', '/api/ops/webhooks', { site: 'demo', url: slack.url, events: [] })).body.message).toBe('webhook: events: choose at least one event');
      // An address outside the outbound policy is refused when saved (names are checked again at delivery).
      expect(await api('POST', '/api/ops/webhooks', { site: 'demo', url: 'http://2852039166/latest/meta-data', events: ['ticket.created'] })).toEqual({
        status: 400, body: { type: 'error', code: 'bad_request', message: 'webhook: url: refused to connect to 169.254.169.254: a link-local address (list trusted internal receivers in OUTBOUND_ALLOW_NETWORKS)' },
      });
      expect((await api('POST', '/api/ops/webhooks', { site: 'demo', url: slack.url, events: ['page.viewed'] })).status).toBe(400);
      expect((await api('POST', '/api/ops/webhooks', { site: 'nope', url: slack.url, events: ['ticket.created'] })).status).toBe(404);

      const created = await api('POST', '/api/ops/webhooks', { site: 'demo', url: 'https://hooks.example/x', events: ['ticket.created', 'ticket.created'], description: 'CRM' });
      expect(created.status).toBe(201);
      expect(created.body.webhook).toMatchObject({ site: 'demo', format: 'json', events: ['ticket.created'], active: true, description: 'CRM' });
      expect(created.body.webhook.secret).toMatch(/^whsec_/);
      const id = created.body.webhook.id as string;
      const listed = (await api('GET', '/api/ops/webhooks?site=demo')).body.webhooks.find((w: { id: string }) => w.id === id);
      expect(listed.secret).toBeUndefined();
      expect(listed.secretHint).toBe(`${created.body.webhook.secret.slice(0, 10)}…`);
      const rotated = await api('PATCH', `/api/ops/webhooks/${id}`, { rotateSecret: true, active: false });
      expect(rotated.body.webhook.active).toBe(false);
      expect(rotated.body.webhook.secret).not.toBe(created.body.webhook.secret);
      expect((await api('PATCH', `/api/ops/webhooks/${id}`, { url: 'javascript:alert(1)' })).status).toBe(400);
      expect((await api('DELETE', `/api/ops/webhooks/${id}`)).status).toBe(204);
      expect((await api('GET', `/api/ops/webhooks/${id}`)).status).toBe(404);
    });

    it('never slows the chat with a receiver that takes 5 s, and sends Slack text for escalations', async () => {
      const slowHook = await api('POST', '/api/ops/webhooks', { site: 'demo', url: slow.url, events: ['message.created', 'conversation.started'] });
      const slackHook = await api('POST', '/api/ops/webhooks', { site: 'demo', url: slack.url, events: ['conversation.escalated'], format: 'slack' });
      expect([slowHook.status, slackHook.status]).toEqual([201, 201]);

      const acksOf = async (v: Awaited<ReturnType<typeof visitor>>['socket'], texts: string[]) => {
        const times: number[] = [];
        for (const text of texts) {
          const id = clientId();
          const start = performance.now();
          v.send({ type: 'visitor.send', id, text });
          await v.next((f) => f.type === 'ack' && f.id === id);
          times.push(performance.now() - start);
        }
        return times;
      };
      const texts = ['my parcel is late', 'it was due monday', 'order 1234', 'still nothing', 'any news'];
      const fmt = (xs: number[]) => xs.map((a) => a.toFixed(1)).join(', ');

      const { socket: chatter } = await visitor(server);
      await acksOf(chatter, ['hello']);
      // The receiver is now holding the first delivery for 5 s; meanwhile the visitor keeps chatting.
      await until(async () => slow.open > 0, 5_000);
      const acks = await acksOf(chatter, texts);
      const stillSleeping = slow.open > 0;
      chatter.close();
      console.info(`[${backend.name}] visitor ack times while a webhook receiver sleeps ${SLOW_MS} ms: ${fmt(acks)} ms`);
      expect(stillSleeping).toBe(true);
      expect(Math.max(...acks)).toBeLessThan(500);

      // The Slack hook: a new visitor says one thing, then asks for a person.
      const { socket: v } = await visitor(server);
      await acksOf(v, ['<!channel> & my parcel is late']);
      const escalate = clientId();
      v.send({ type: 'visitor.escalate', id: escalate });
      await v.next((f) => f.type === 'ack' && f.id === escalate);
      // (The first chat may have escalated too, on the bot's repeated failures: that is another message.)
      const hit = await until(async () => slack.received.find((r) => r.body.includes('asked for a person')));
      // Nobody is signed in to the console, so the escalation becomes a ticket. Slack's control
      // characters in the visitor's text are escaped: no @channel ping.
      expect(JSON.parse(hit.body)).toEqual({
        text: ':rotating_light: Chat on *Northwind Outfitters* needs a person (the visitor asked for a person), no agent is online: it became a ticket.\n> &lt;!channel&gt; &amp; my parcel is late',
      });
      expect(verify(slackHook.body.webhook.secret, hit.body, String(hit.headers[HEADERS.timestamp]), String(hit.headers[HEADERS.signature]))).toBe(true);
      const log = await until(async () => {
        const d = (await api('GET', `/api/ops/webhooks/${slackHook.body.webhook.id}/deliveries`)).body.deliveries;
        return d.length > 0 && d.every((x: { status: string }) => x.status === 'delivered') && d;
      });
      expect(log[0]).toMatchObject({ eventType: 'conversation.escalated', attempts: 1, lastStatusCode: 200, log: [{ attempt: 1, statusCode: 200, error: null }] });

      // For comparison: the same chat with no webhooks at all.
      for (const id of [slowHook.body.webhook.id, slackHook.body.webhook.id]) await api('DELETE', `/api/ops/webhooks/${id}`);
      const { socket: plain } = await visitor(server);
      await acksOf(plain, ['hello']);
      console.info(`[${backend.name}] visitor ack times with no webhooks: ${fmt(await acksOf(plain, texts))} ms`);
      plain.close();
      v.close();
    }, 30_000);
  });
}
