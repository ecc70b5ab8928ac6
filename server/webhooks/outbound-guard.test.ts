import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../tests/support/backends';
import { outboundPolicy } from '../net/address-policy';
import { EXCERPT_CHARS } from '../net/guarded-request';
import { parseNetworks } from '../net/networks';
import type { Store } from '../store/store';
import { WebhookDispatcher } from './dispatcher';
import { WebhookRepo } from './repo';
import { startReceiver, until } from './test-receiver';

const quiet = { warn: () => {} };

/** Webhook SSRF: an admin-chosen URL must not reach internal services unless the operator trusts them. */
describe('webhook delivery refuses internal addresses (SSRF)', () => {
  let store: Store;
  let repo: WebhookRepo;
  let siteId: string;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    store = await backends()[0]!.open();
    repo = new WebhookRepo(store.db);
    siteId = (await store.sites.create({ key: 'ssrf', name: 'Shop', secret: 's' })).id;
  });
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
    await store.db.query('DELETE FROM webhooks');
  });
  afterAll(() => store.close());

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    cleanups.push(r.close);
    return r;
  };
  const deliverOnce = async (url: string, policy = outboundPolicy()) => {
    const hook = await repo.create(siteId, { url, events: ['conversation.started'], format: 'json', description: '', active: true });
    const visitor = await store.visitors.create(siteId, null);
    const c = await store.conversations.create({ siteId, visitorId: visitor.id, context: null });
    await store.events.record({ siteId, conversationId: c.id, type: 'conversation.started', actorType: 'visitor', actorId: visitor.id, data: {} });
    const d = new WebhookDispatcher(store, quiet, { pollMs: 20, retryBaseMs: 60_000, policy });
    cleanups.push(() => d.stop());
    d.start();
    return until(async () => (await repo.deliveries(hook.id, { limit: 1 }))[0]?.log[0]);
  };

  it.each(['127.0.0.1', '2130706433', '0x7f000001', '127.1', '0177.0.0.1', '[::ffff:127.0.0.1]', 'localhost'])(
    'does not connect to a receiver on loopback spelt %s, and says why',
    async (host) => {
      const r = await receiver((_x, _n, res) => void res.end('internal secret'));
      const port = new URL(r.url).port;
      const attempt = await deliverOnce(`http://${host}:${port}/hook`);
      expect(attempt.error).toMatch(/^refused to connect to (127\.0\.0\.1|::ffff:7f00:1|::1): a loopback address \(list trusted internal receivers in OUTBOUND_ALLOW_NETWORKS\)$/);
      expect(attempt.responseExcerpt).toBeNull();
      expect(r.received).toHaveLength(0);
    },
  );

  it('delivers to a trusted internal receiver (OUTBOUND_ALLOW_NETWORKS) and keeps only a short plain-text excerpt', async () => {
    const page = `<html>\u0000\u001b[31m${'internal dashboard '.repeat(500)}</html>`;
    const r = await receiver((_x, _n, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(page);
    });
    const attempt = await deliverOnce(r.url, outboundPolicy(parseNetworks('127.0.0.0/8')));
    expect(r.received).toHaveLength(1);
    expect(attempt).toMatchObject({ statusCode: 200, error: null });
    expect(attempt.responseExcerpt!.length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(attempt.responseExcerpt).toMatch(/^<html> \[31minternal dashboard internal/);
    // eslint-disable-next-line no-control-regex
    expect(attempt.responseExcerpt).not.toMatch(/[\u0000-\u001f]/);
  });

  it('does not keep a non-text reply at all', async () => {
    const r = await receiver((_x, _n, res) => {
      res.setHeader('content-type', 'application/octet-stream');
      res.end(Buffer.alloc(5_000, 0xff));
    });
    const attempt = await deliverOnce(r.url, outboundPolicy(parseNetworks('127.0.0.1')));
    expect(attempt.responseExcerpt).toBe('(non-text reply not kept)');
  });

  it('trusting one internal address does not open the others', async () => {
    const r = await receiver();
    const attempt = await deliverOnce(r.url.replace('127.0.0.1', '127.0.0.2'), outboundPolicy(parseNetworks('127.0.0.1')));
    expect(attempt.error).toMatch(/^refused to connect to 127\.0\.0\.2: a loopback address/);
  });
});
