import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Services } from '../services';
import { csvOf } from './csv-tables';
import { ExportQuery } from './export-stream';
import { MetricsQuery, parseMetricsQuery } from './range';
import { OpsMetrics } from './service';

export interface OpsRoutesOptions {
  services: Services;
  requireAdmin: preHandlerHookHandler;
  /** Tests pin the clock that decides which bot chats have ended. */
  now?: () => Date;
}

const TABLES = ['summary', 'volume', 'agents', 'articles', 'gaps', 'csat', 'conversations'] as const;

/** Admin-only metrics: `GET /api/ops/<table>` as JSON, `.csv` or `?format=csv` as CSV. */
export const opsRoutes: FastifyPluginAsync<OpsRoutesOptions> = async (app, { services, requireAdmin, now }) => {
  const metrics = new OpsMetrics(services.store, services.bot, now);

  app.get('/api/ops/sites', { preHandler: requireAdmin, config: { meter: 'agent' } }, async () => ({
    sites: (await services.store.sites.all()).map((s) => ({ key: s.key, name: s.name })),
  }));

  // The incremental export for data teams (docs/API.md, "Ops export"): a page per request, cursor-based.
  app.get('/api/ops/export/conversations', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
    const parsed = ExportQuery.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('bad_request', issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
    }
    const defaults = MetricsQuery.parse({});
    const page = await metrics.exportPage(parsed.data, defaults);
    return { ...page, after_url: `/api/ops/export/conversations?cursor=${page.after_cursor}&limit=${parsed.data.limit}` };
  });

  for (const table of TABLES) {
    const handler = (forceCsv: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
      const q = parseMetricsQuery(request.query);
      const result = await metrics[table](q);
      if (!forceCsv && q.format === 'json') return result;
      const csv = (csvOf[table] as (r: typeof result, query: typeof q) => string)(result, q);
      const name = `${table}${table === 'volume' ? `-${q.by}` : ''}_${result.range.from.slice(0, 10)}_${result.range.to.slice(0, 10)}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
    };
    app.get(`/api/ops/${table}`, { preHandler: requireAdmin, config: { meter: 'agent' } }, handler(false));
    app.get(`/api/ops/${table}.csv`, { preHandler: requireAdmin, config: { meter: 'agent' } }, handler(true));
  }
};
