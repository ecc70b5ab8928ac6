import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { sessionGuards } from '../auth/sessions';
import type { Services } from '../services';

const AnswerParams = z.object({
  id: z.string().min(1).max(64),
  seq: z.coerce.number().int().min(1).max(1_000_000),
});

/**
 * Live learning for the bot: an agent marks a bot answer wrong (console button), and admins see
 * which articles lost trust and why (ops dashboard). See `ArticleTrust`.
 */
export const trustRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store, agents, trust, bot } = services;
  const { requireAgent, requireAdmin } = sessionGuards(store);

  app.post('/api/conversations/:id/messages/:seq/wrong-answer', { preHandler: requireAgent, config: { meter: 'agent' } }, async (request) => {
    const { id, seq } = AnswerParams.parse(request.params);
    const agent = request.agent!;
    const c = await store.conversations.byId(id);
    if (!c || !(await agents.canRead(agent, c))) throw new AppError('not_found', 'conversation not found');
    const m = await store.messages.bySeq(c.id, seq);
    if (!m || m.author !== 'bot' || m.bot?.type !== 'answer') throw new AppError('not_found', 'no such bot answer in this conversation');
    const articleId = m.bot.article.id;
    const marked = await trust.strike({ siteId: c.siteId, conversationId: c.id, messageSeq: seq, articleId, source: 'agent_marked_wrong', actorId: agent.id });
    if (marked) {
      await store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'bot.marked_wrong', actorType: 'agent', actorId: agent.id, data: { articleId, messageSeq: seq } });
    }
    // Marking twice is not an error: the answer is marked either way.
    return { marked: true, articleId };
  });

  app.get('/api/ops/article-trust', { preHandler: requireAdmin, config: { meter: 'agent' } }, async () => {
    const sites = new Map((await store.sites.all()).map((s) => [s.id, s.key]));
    return {
      items: trust.lost().map((l) => ({
        site: sites.get(l.siteId) ?? null,
        articleId: l.articleId,
        title: bot.article(l.articleId)?.title ?? null,
        visitorUnhelpful: l.bySource.visitor_unhelpful,
        handoverAfterAnswer: l.bySource.handover_after_answer,
        agentMarkedWrong: l.bySource.agent_marked_wrong,
        lowestTrust: l.lowest,
        lastAt: new Date(l.lastAt).toISOString(),
        questions: l.questions,
      })),
    };
  });
};
