import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { lineText } from '../../shared/text';
import { sessionGuards } from '../auth/sessions';
import type { Services } from '../services';

const RevokeBody = z.object({ token: lineText().min(1).max(512) });
const VisitorParams = z.object({ id: lineText().min(1).max(64) });

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Authenticated by something in the body, not a cookie, so the same-origin (CSRF) check does not apply. */
    crossSite?: boolean;
  }
}

/** Revoking visitor tokens: by the visitor's own browser (Chat('shutdown')), or by an admin. */
export const visitorTokenRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store, tokens, rest } = services;
  const { requireAdmin } = sessionGuards(store);

  // The widget calls this with navigator.sendBeacon from the host page: the bare token as text/plain
  // (no preflight, survives the page unloading). JSON `{ token }` works too. The token is the credential.
  app.post('/api/visitor/revoke', { config: { crossSite: true, meter: 'visitor' } }, async (request, reply) => {
    const body = RevokeBody.safeParse(typeof request.body === 'string' ? { token: request.body.trim() } : request.body);
    if (!body.success) throw new AppError('bad_request', 'a visitor token is required');
    const claims = tokens.claims(body.data.token);
    // Only a correctly signed token names a visitor to charge; forged ones cost their address alone.
    if (claims) rest.byVisitor(claims.visitorId);
    const visitor = claims ? await store.visitors.byId(claims.visitorId) : undefined;
    if (!claims || !tokens.accepts(claims, visitor)) throw new AppError('unauthorized', 'visitor token is not valid');
    await store.visitors.revokeTokens(visitor.id);
    return reply.code(204).send();
  });

  app.post('/api/admin/visitors/:id/revoke-tokens', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (request, reply) => {
    const p = VisitorParams.safeParse(request.params);
    if (!p.success || !(await store.visitors.revokeTokens(p.data.id))) throw new AppError('not_found', 'no such visitor');
    return reply.code(204).send();
  });
};
