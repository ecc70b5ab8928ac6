import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { TagsBody } from '../../shared/history';
import { sessionGuards } from '../auth/sessions';
import { historyPage } from '../conversations/history';
import type { Services } from '../services';

const IdParam = z.object({ id: z.string().min(1).max(64) });

/** Conversation history and search for agents, and the tags they file conversations under. */
export const historyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  const { requireAgent } = sessionGuards(store);

  app.get('/api/conversations', { preHandler: requireAgent, config: { meter: 'agent' } }, async (request) => historyPage(store, request.agent!, request.query));

  app.put('/api/conversations/:id/tags', { preHandler: requireAgent, config: { meter: 'agent' } }, async (request) => {
    const { id } = IdParam.parse(request.params);
    const { tags } = TagsBody.parse(request.body);
    const conversation = await store.conversations.byId(id);
    if (!conversation || !(await services.agents.canRead(request.agent!, conversation))) throw new AppError('not_found', 'conversation not found');
    return { tags: (await store.history.setTags(id, tags)) ?? [] };
  });
};
