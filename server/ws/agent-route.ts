import type { FastifyPluginAsync } from 'fastify';
import { CLOSE } from '../../shared/limits';
import { agentFromRequest } from '../auth/sessions';
import type { Services } from '../services';
import { serveAgent } from './agent-socket';
import { holdFrames, refuseUnavailable } from './channel';
import { agentOriginAllowed } from './origin';

/** `/ws/agent`: the console's socket, for a signed-in agent on the console's own origin. */
export const agentSocketRoute: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store, config } = services;
  app.get('/ws/agent', { websocket: true }, async (socket, request) => {
    const release = holdFrames(socket);
    try {
      if (!agentOriginAllowed(request.headers.origin, request, config.agentAllowedOrigins)) return socket.close(CLOSE.forbiddenOrigin, 'origin not allowed for the console');
      const agent = await agentFromRequest(store, request);
      if (!agent) return socket.close(CLOSE.unauthorized, 'sign in first');
      serveAgent(socket, agent, () => agentFromRequest(store, request), services, request.log);
      release();
    } catch (e) {
      refuseUnavailable(socket, e, request.log);
    }
  });
};
