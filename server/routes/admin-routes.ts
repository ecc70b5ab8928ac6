import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { lineText, multilineText } from '../../shared/text';
import { AppError } from '../../shared/errors';
import { addAgent, publicAgent, updateAgent } from '../agents/manage';
import { sessionGuards } from '../auth/sessions';
import { presenceOf } from '../conversations/availability';
import { topics } from '../bus/bus';
import { summaries } from '../conversations/views';
import type { Services } from '../services';
import { isUniqueViolation } from '../store/db';

const Canned = z.object({
  shortcut: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/i, 'shortcut: 1–32 letters, digits, _ or -'),
  text: multilineText().trim().min(1).max(4_000),
});
const IdParam = z.object({ id: lineText().min(1).max(64) });

/** What admins manage (agents, canned responses) and what agents read (canned, tickets); sites are in server/sites/routes.ts. */
export const adminRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  const { requireAgent, requireAdmin } = sessionGuards(store);

  app.get('/api/canned', { preHandler: requireAgent, config: { meter: 'agent' } }, async () => ({ items: await store.canned.all() }));
  app.post('/api/canned', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    try {
      return reply.code(201).send(await store.canned.create(Canned.parse(request.body)));
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('invalid_state', 'that shortcut is already used');
      throw e;
    }
  });
  app.put('/api/canned/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
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
  app.delete('/api/canned/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    if (!(await store.canned.delete(IdParam.parse(request.params).id))) throw new AppError('not_found', 'no such canned response');
    return reply.code(204).send();
  });

  app.get('/api/tickets', { preHandler: requireAgent, config: { meter: 'agent' } }, async () => ({ items: await summaries(store, await store.conversations.tickets()) }));

  app.get('/api/admin/agents', { preHandler: requireAdmin, config: { meter: 'agent' } }, async () => {
    const [agents, presence] = await Promise.all([store.agents.all(), presenceOf(store)]);
    return { agents: agents.map((a) => ({ ...publicAgent(a), presence: presence.get(a.id) ?? 'offline' })) };
  });
  app.post('/api/admin/agents', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const agent = await addAgent(store, request.body);
    return reply.code(201).send(publicAgent(agent));
  });
  app.patch('/api/admin/agents/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
    const { id } = IdParam.parse(request.params);
    if (id === request.agent!.id && (request.body as { disabled?: unknown } | null)?.disabled === true) throw new AppError('invalid_state', 'you cannot disable yourself');
    const agent = await updateAgent(store, id, request.body);
    // Open consoles of a disabled agent stop receiving now, not at their next session check.
    if (agent.disabled || (request.body as { password?: unknown } | null)?.password) services.bus.publish(topics.agent(id), { kind: 'agent.revoked', agentId: id });
    return publicAgent(agent);
  });
};
