import type { FastifyPluginAsync } from 'fastify';
import { CLOSE } from '../../shared/limits';
import { SiteKey } from '../../shared/text';
import type { Services } from '../services';
import { refuseDisabledSite, stopWhenSiteDisabled } from '../sites/visitor-gate';
import { holdFrames, refuseUnavailable } from './channel';
import { serveVisitor } from './visitor-socket';

/** `/ws/visitor?site=KEY`: the widget's socket, from an origin on the site's allow-list. */
export const visitorSocketRoute: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store, limits } = services;
  app.get('/ws/visitor', { websocket: true }, async (socket, request) => {
    const release = holdFrames(socket);
    try {
      const key = SiteKey.safeParse((request.query as Record<string, unknown>).site);
      const site = key.success ? await store.sites.byKey(key.data) : undefined;
      if (!site) return socket.close(CLOSE.forbiddenOrigin, 'unknown site key');
      if (site.disabled) return refuseDisabledSite(socket);
      if (limits.connections.take(request.ip) > 0) {
        socket.send(JSON.stringify({ type: 'error', code: 'rate_limited', message: 'too many connections from your network; retrying shortly' }));
        return socket.close(CLOSE.rateLimited, 'too many connections');
      }
      const origin = request.headers.origin;
      if (site.allowedOrigins.length > 0 && (!origin || !site.allowedOrigins.includes(origin))) return socket.close(CLOSE.forbiddenOrigin, 'origin not allowed for this site');
      serveVisitor(socket, site, services, request.log, request.ip);
      stopWhenSiteDisabled(socket, site.id, services);
      release();
    } catch (e) {
      refuseUnavailable(socket, e, request.log);
    }
  });
};
