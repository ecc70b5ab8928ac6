import type { FastifyInstance, RouteOptions } from 'fastify';
import { AppError } from '../../shared/errors';
import type { RestMeters, RouteMeter } from '../limits/rest-meters';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How this route is metered (server/limits/rest-meters.ts). Required on every `/api/*` route. */
    meter?: RouteMeter;
  }
}

type Hook = (...args: never[]) => unknown;
const asList = (hooks: Hook | Hook[] | undefined): Hook[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Puts every route registered after this call behind REST_RULES. The address is charged first
 * (onRequest, before any database work such as the session lookup); the agent after the route's
 * own guard, so an unknown session costs only its address. Call before registering routes.
 */
export function meterRoutes(app: FastifyInstance, meters: RestMeters): void {
  app.addHook('onRoute', (route) => {
    const meter = meterOf(route);
    if (meter === 'socket') return;
    route.onRequest = [...asList(route.onRequest as Hook | Hook[]), async (request: { ip: string }) => meters.byAddress(request.ip)] as RouteOptions['onRequest'];
    if (meter !== 'agent' && meter !== 'bulk') return;
    const guards = asList(route.preHandler as Hook | Hook[]);
    if (guards.length === 0) throw new Error(`${String(route.method)} ${route.url}: meter '${meter}' needs a session guard before it`);
    const byAgent = async (request: { agent?: { id: string } }) => {
      if (!request.agent) throw new AppError('unauthorized', 'sign in first');
      meters.byAgent(request.agent.id, meter);
    };
    route.preHandler = [...guards, byAgent] as RouteOptions['preHandler'];
  });
}

/** The route's declared meter; an `/api/*` route without one is refused when it is registered. */
export function meterOf(route: Pick<RouteOptions, 'url' | 'method' | 'config'> & { websocket?: boolean }): RouteMeter {
  if (route.websocket) return 'socket';
  const declared = route.config?.meter;
  if (declared) return declared;
  if (route.url.startsWith('/api/')) throw new Error(`${String(route.method)} ${route.url} declares no meter (config.meter; see server/limits/rest-meters.ts)`);
  return 'public';
}
