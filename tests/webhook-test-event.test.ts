import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, verify } from '../server/webhooks/index';
import { startReceiver, until } from '../server/webhooks/test-receiver';
import { backends, requirePostgresInCi } from './support/backends';
import { signIn, startServer, type RunningServer } from './support/server';

requirePostgresInCi();

for (const backend of backends()) {
  describe(`POST /api/ops/webhooks/:id/test (${backend.name})`, () => {
    let server: RunningServer;
    let admin: string;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const api = async (method: string, path: string, body?: unknown, cookie = admin) => {
      const res = await fetch(`${server.http}${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    };
    const deliveries = async (id: string) => (await api('GET', `/api/ops/webhooks/${id}/deliveries`)).body.deliveries as Array<{ eventType: string; status: string }>;

    beforeAll(async () => {
      server = await startServer(backend, { OUTBOUND_ALLOW_NETWORKS: '127.0.0.1' }); // the test receiver listens on loopback
      admin = await signIn(server, 'admin@demo.test');
      receiver = await startReceiver();
    });
    afterAll(async () => {
      await server.close();
      await receiver.close();
    });

    it('queues a signed test event that the receiver gets and the delivery log shows', async () => {
      const hook = (await api('POST', '/api/ops/webhooks', { site: 'demo', url: receiver.url, events: ['ticket.created'] })).body.webhook;
      const sent = await api('POST', `/api/ops/webhooks/${hook.id}/test`);
      expect(sent.status).toBe(202);
      expect(sent.body.delivery).toMatchObject({ eventType: 'webhook.test', status: 'pending' });

      const [hit] = await receiver.waitFor(1);
      const body = JSON.parse(hit!.body);
      expect(body).toMatchObject({ type: 'webhook.test', site: { key: 'demo', name: 'Northwind Outfitters' }, conversationId: null, data: { test: true } });
      expect(verify(hook.secret, hit!.body, String(hit!.headers[HEADERS.timestamp]), String(hit!.headers[HEADERS.signature]))).toBe(true);
      const log = await until(async () => {
        const d = await deliveries(hook.id);
        return d[0]?.status === 'delivered' && d;
      });
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ eventType: 'webhook.test', status: 'delivered' });
    });

    it('sends Slack text to a Slack webhook', async () => {
      const slack = await startReceiver();
      try {
        const hook = (await api('POST', '/api/ops/webhooks', { site: 'demo', url: slack.url, events: ['conversation.escalated'], format: 'slack' })).body.webhook;
        expect((await api('POST', `/api/ops/webhooks/${hook.id}/test`)).status).toBe(202);
        const [hit] = await slack.waitFor(1);
        expect(JSON.parse(hit!.body)).toEqual({ text: ':wave: Test message from Deflect Chat for *Northwind Outfitters*: this webhook works.' });
      } finally {
        await slack.close();
      }
    });

    it('is for admins only, refuses a paused or unknown webhook, and then queues nothing', async () => {
      const hook = (await api('POST', '/api/ops/webhooks', { site: 'demo', url: receiver.url, events: ['ticket.created'], active: false })).body.webhook;
      const agent = await signIn(server, 'agent@demo.test');
      expect((await api('POST', `/api/ops/webhooks/${hook.id}/test`, undefined, agent)).status).toBe(403);
      expect((await api('POST', `/api/ops/webhooks/${hook.id}/test`, undefined, '')).status).toBe(401);
      expect(await api('POST', `/api/ops/webhooks/${hook.id}/test`)).toEqual({
        status: 409,
        body: { type: 'error', code: 'invalid_state', message: 'the webhook is paused: resume it to send a test event' },
      });
      expect((await api('POST', '/api/ops/webhooks/not-a-uuid/test')).status).toBe(404);
      expect((await api('POST', '/api/ops/webhooks/00000000-0000-4000-8000-000000000000/test')).status).toBe(404);
      expect(await deliveries(hook.id)).toEqual([]);
    });
  });
}
