import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { lineText, multilineText } from '../../shared/text';
import { AppError } from '../../shared/errors';
import { addAgent, publicAgent, updateAgent } from '../agents/manage';
import { sessionGuards } from '../auth/sessions';
import { presenceOf } from '../conversations/availability';
import { summaries } from '../conversations/views';
import type { Services } from '../services';
import { isUniqueViolation } from '../store/db';
import { SiteSettings } from '../store/types';

const Canned = z.object({
  shortcut: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/i, 'shortcut: 1–32 letters, digits, _ or -'),
  text: multilineText().trim().min(1).max(4_000),
});
const IdParam = z.object({ id: lineText().min(1).max(64) });
const SiteUpdate = z.object({
  name: lineText().trim().min(1).max(120).optional(),
  settings: SiteSettings.partial().optional(),
  allowedOrigins: z.array(z.url().transform((u) => new URL(u).origin)).max(50).optional(),
});

/** What admins manage (agents, canned responses, sites) and what agents read (canned, tickets). */
export const adminRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  const { requireAgent, requireAdmin } = sessionGuards(store);

  app.get('/api/canned', { preHandler: requireAgent }, async () => ({ items: await store.canned.all() }));
  app.post('/api/canned', { preHandler: requireAdmin }, async (request, reply) => {
    try {
      return reply.code(201).send(await store.canned.create(Canned.parse(request.body)));
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('invalid_state', 'that shortcut is already used');
      throw e;
    }
  });
  app.put('/api/canned/:id', { preHandler: requireAdmin }, async (request) => {
    const { id } = IdParam.parse(request.params);
    try {
      const updated = await store.canned.update(id, Canned.parse(request.body));
      if (!updated) throw new AppError('not_found', 'no such canned response');
      return updated;
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('invalid_state', 'that shortcut is already used');
      throw e;
    }
  });
  app.delete('/api/canned/:id', { preHandler: requireAdmin }, async (request, reply) => {
    if (!(await store.canned.delete(IdParam.parse(request.params).id))) throw new AppError('not_found', 'no such canned response');
    return reply.code(204).send();
  });

  app.get('/api/tickets', { preHandler: requireAgent }, async () => ({ items: await summaries(store, await store.conversations.tickets()) }));

  app.get('/api/admin/agents', { preHandler: requireAdmin }, async () => {
    const [agents, presence] = await Promise.all([store.agents.all(), presenceOf(store)]);
    return { agents: agents.map((a) => ({ ...publicAgent(a), presence: presence.get(a.id) ?? 'offline' })) };
  });
  app.post('/api/admin/agents', { preHandler: requireAdmin }, async (request, reply) => {
    const agent = await addAgent(store, request.body);
    return reply.code(201).send(publicAgent(agent));
  });
  app.patch('/api/admin/agents/:id', { preHandler: requireAdmin }, async (request) => {
    const { id } = IdParam.parse(request.params);
    if (id === request.agent!.id && (request.body as { disabled?: unknown } | null)?.disabled === true) throw new AppError('invalid_state', 'you cannot disable yourself');
    return publicAgent(await updateAgent(store, id, request.body));
  });

  app.get('/api/admin/sites', { preHandler: requireAdmin }, async () => ({ sites: await store.sites.all() }));
  app.patch('/api/admin/sites/:id', { preHandler: requireAdmin }, async (request) => {
    const { id } = IdParam.parse(request.params);
    const site = await store.sites.byId(id);
    if (!site) throw new AppError('not_found', 'no such site');
    const body = SiteUpdate.parse(request.body);
    await store.sites.update(id, { name: body.name, settings: SiteSettings.parse({ ...site.settings, ...body.settings }), allowedOrigins: body.allowedOrigins });
    return (await store.sites.byId(id))!;
  });
};
