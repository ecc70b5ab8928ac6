import { isIP } from 'node:net';
import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SiteKey } from '../../shared/text';
import { AppError } from '../../shared/errors';
import type { OutboundPolicy } from '../net/address-policy';
import type { Store } from '../store/store';
import { WebhookRepo, type Delivery, type DeliveryAttempt } from './repo';
import { CreateWebhook, DeliveriesQuery, UpdateWebhook, type Webhook } from './schema';

export interface WebhookRoutesOptions {
  store: Store;
  requireAdmin: preHandlerHookHandler;
  /** Where receivers may be; an address URL outside it is refused when saved (names are checked at delivery). */
  policy: OutboundPolicy;
}

const Params = z.object({ id: z.uuid() });
const DeliveryParams = Params.extend({ deliveryId: z.uuid() });
const SiteQuery = z.object({ site: SiteKey.optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new AppError('bad_request', `${what}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

/** The secret is shown in full only when it is created or rotated. */
function view(w: Webhook, withSecret = false) {
  return {
    id: w.id,
    site: w.siteKey,
    url: w.url,
    format: w.format,
    events: w.events,
    description: w.description,
    active: w.active,
    secretHint: `${w.secret.slice(0, 10)}…`,
    ...(withSecret ? { secret: w.secret } : {}),
    createdAt: new Date(w.createdAt).toISOString(),
    updatedAt: new Date(w.updatedAt).toISOString(),
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const deliveryView = (d: Delivery & { log?: DeliveryAttempt[] }) => ({
  id: d.id,
  eventId: d.eventKey,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: iso(d.nextAttemptAt),
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  createdAt: iso(d.createdAt),
  deliveredAt: iso(d.deliveredAt),
  body: d.body,
  log: (d.log ?? []).map((a) => ({ ...a, startedAt: iso(a.startedAt) })),
});

/** The type of the event "send test event" queues; never a subscribable event type. */
export const TEST_EVENT = 'webhook.test';

function testBody(w: Webhook, eventKey: string, siteName: string, agentId: string | null): string {
  if (w.format === 'slack') return JSON.stringify({ text: `:wave: Test message from Deflect Chat for *${siteName.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}*: this webhook works.` });
  return JSON.stringify({
    id: eventKey,
    type: TEST_EVENT,
    createdAt: new Date().toISOString(),
    site: { key: w.siteKey, name: siteName },
    conversationId: null,
    actor: { type: 'agent', id: agentId },
    reason: null,
    data: { test: true },
  });
}

/** Admin CRUD for webhooks and their delivery log, under /api/ops/webhooks. */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, { store, requireAdmin, policy }) => {
  const reachable = (url: string | undefined) => {
    const host = url === undefined ? '' : new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) === 0) return;
    try {
      policy.check(host);
    } catch (e) {
      throw new AppError('bad_request', `webhook: url: ${(e as Error).message}`);
    }
  };
  const repo = new WebhookRepo(store.db);
  const load = async (params: unknown): Promise<Webhook> => {
    const p = Params.safeParse(params);
    const w = p.success ? await repo.byId(p.data.id) : undefined;
    if (!w) throw new AppError('not_found', 'no such webhook');
    return w;
  };
  const siteByKey = async (key: string) => {
    const site = await store.sites.byKey(key);
    if (!site) throw new AppError('not_found', `no site with key "${key}"`);
    return site;
  };

  app.get('/api/ops/webhooks', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
    const q = parse(SiteQuery, request.query, 'query');
    const site = q.site ? await siteByKey(q.site) : null;
    return { webhooks: (await repo.list(site?.id ?? null)).map((w) => view(w)) };
  });

  app.post('/api/ops/webhooks', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const { site: key, ...body } = parse(CreateWebhook, request.body, 'webhook');
    reachable(body.url);
    const site = await siteByKey(key);
    return reply.code(201).send({ webhook: view(await repo.create(site.id, body), true) });
  });

  app.get('/api/ops/webhooks/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => ({ webhook: view(await load(request.params)) }));

  app.patch('/api/ops/webhooks/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
    const w = await load(request.params);
    const patch = parse(UpdateWebhook, request.body, 'webhook');
    reachable(patch.url);
    const updated = await repo.update(w.id, patch);
    store.wake.wake('webhooks'); // a resumed webhook's pending deliveries are due again
    if (!updated) throw new AppError('not_found', 'no such webhook');
    return { webhook: view(updated, patch.rotateSecret === true) };
  });

  app.delete('/api/ops/webhooks/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const w = await load(request.params);
    await repo.delete(w.id);
    return reply.code(204).send();
  });

  app.get('/api/ops/webhooks/:id/deliveries', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
    const w = await load(request.params);
    const q = parse(DeliveriesQuery, request.query, 'query');
    return { deliveries: (await repo.deliveries(w.id, q)).map(deliveryView) };
  });

  // A made-up event queued like a real one, so it is signed, retried and logged the same way.
  app.post('/api/ops/webhooks/:id/test', { preHandler: requireAdmin, config: { meter: 'bulk' } }, async (request, reply) => {
    const w = await load(request.params);
    if (!w.active) throw new AppError('invalid_state', 'the webhook is paused: resume it to send a test event');
    const site = await store.sites.byId(w.siteId);
    const eventKey = `test_${randomUUID()}`;
    await repo.enqueue(w.id, eventKey, TEST_EVENT, testBody(w, eventKey, site?.name ?? w.siteKey, request.agent?.id ?? null));
    store.wake.wake('webhooks');
    return reply.code(202).send({ delivery: deliveryView((await repo.deliveryOf(w.id, eventKey))!) });
  });

  app.post('/api/ops/webhooks/:id/deliveries/:deliveryId/retry', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
    const p = DeliveryParams.safeParse(request.params);
    const d = p.success ? await repo.retry(p.data.id, p.data.deliveryId) : undefined;
    if (!d) throw new AppError('not_found', 'no such delivery');
    store.wake.wake('webhooks');
    return { delivery: deliveryView(d) };
  });
};
