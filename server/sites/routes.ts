import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { lineText } from '../../shared/text';
import { sessionGuards } from '../auth/sessions';
import { topics } from '../bus/bus';
import type { Services } from '../services';
import { createSite, deleteSite, requireSite, rotateSiteSecret, secretView, siteView, updateSite } from './manage';

const IdParam = z.object({ id: lineText().min(1).max(64) });
const DeleteQuery = z.object({ confirm: lineText().max(100).optional() });

/** The embed snippet names this server as visitors reach it: PUBLIC_URL, else the address the admin used. */
export function publicBase(publicUrl: string | null, request: FastifyRequest): string {
  return (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/** Sites for admins (docs/API.md): list, create, change, delete, and the secret on demand. */
export const siteRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store, config } = services;
  const { requireAdmin } = sessionGuards(store);
  const view = (request: FastifyRequest) => (site: Parameters<typeof siteView>[0]) => siteView(site, publicBase(config.publicUrl, request));

  app.get('/api/admin/sites', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => ({ sites: (await store.sites.all()).map(view(request)) }));

  app.post('/api/admin/sites', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const site = await createSite(store, request.body);
    request.log.info({ siteId: site.id, by: request.agent!.id }, 'site created');
    return reply.code(201).send(view(request)(site));
  });

  app.patch('/api/admin/sites/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request) => {
    const { id } = IdParam.parse(request.params);
    const site = await updateSite(store, id, request.body);
    services.bus.publish(topics.site(id), { kind: 'site.changed', siteId: id, open: !site.disabled });
    return view(request)(site);
  });

  app.delete('/api/admin/sites/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const { id } = IdParam.parse(request.params);
    await deleteSite(store, id, DeleteQuery.parse(request.query).confirm);
    services.bus.publish(topics.site(id), { kind: 'site.changed', siteId: id, open: false });
    request.log.info({ siteId: id, by: request.agent!.id }, 'site deleted');
    return reply.code(204).send();
  });

  app.get('/api/admin/sites/:id/secret', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const site = await requireSite(store, IdParam.parse(request.params).id);
    return reply.header('cache-control', 'no-store').send(secretView(site));
  });

  app.post('/api/admin/sites/:id/secret/rotate', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const { id } = IdParam.parse(request.params);
    const rotated = await rotateSiteSecret(store, id, request.body);
    request.log.info({ siteId: id, by: request.agent!.id }, 'site secret rotated');
    return reply.header('cache-control', 'no-store').send(rotated);
  });
};
