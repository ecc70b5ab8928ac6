import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { verifyPassword } from '../auth/password';
import { KnownDevices } from '../auth/known-devices';
import { LoginThrottle } from '../auth/login-throttle';
import { endSession, sessionGuards, startSession } from '../auth/sessions';
import { updateProfile } from '../agents/manage';
import { presenceOf } from '../conversations/availability';
import type { Services } from '../services';
import type { Agent } from '../store/types';

const LoginBody = z.object({ email: z.email().max(254), password: z.string().min(1).max(1_000) });
const profile = (a: Agent) => ({ id: a.id, email: a.email, name: a.name, role: a.role, avatarUrl: a.avatarUrl });

// A real hash of a random password: unknown e-mails cost the same time as wrong passwords.
const DUMMY_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$' + 'A'.repeat(86);

export const authRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store, config } = services;
  const devices = new KnownDevices(await store.setting('login_device_key', KnownDevices.newKey));
  // Guessing one account from one address is throttled hard; an address (an office behind NAT) and an
  // account across addresses get more room. A known device answers only to its own throttle, so
  // strangers' failures never lock out the browser the agent always uses (see docs/SECURITY.md).
  const perAccountAndAddress = new LoginThrottle(5);
  const perAddress = new LoginThrottle(30);
  const perAccount = new LoginThrottle(20);
  const perDevice = new LoginThrottle(5);
  const { requireAgent } = sessionGuards(store);

  app.post('/api/auth/login', { config: { meter: 'public' } }, async (request, reply) => {
    const body = LoginBody.safeParse(request.body);
    if (!body.success) throw new AppError('bad_request', 'email and password are required');
    const email = body.data.email.toLowerCase();
    const device = devices.deviceFor(request, email);
    const keys: Array<[LoginThrottle, string]> = device
      ? [[perDevice, device]]
      : [[perAccountAndAddress, `${request.ip}|${email}`], [perAddress, request.ip], [perAccount, email]];
    const wait = Math.max(...keys.map(([throttle, key]) => throttle.retryAfter(key)));
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000));
      throw new AppError('rate_limited', 'too many failed sign-ins; try again later');
    }
    const agent = await store.agents.byEmail(body.data.email);
    const ok = await verifyPassword(body.data.password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok || agent.disabled) {
      for (const [throttle, key] of keys) throttle.fail(key);
      throw new AppError('unauthorized', 'wrong email or password');
    }
    for (const [throttle, key] of keys) if (throttle !== perAddress) throttle.succeed(key);
    await startSession(store, reply, request, agent, config.sessionTtlMs);
    devices.remember(reply, request, email);
    return { agent: profile(agent) };
  });

  app.post('/api/auth/logout', { config: { meter: 'public' } }, async (request, reply) => {
    await endSession(store, request, reply);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { preHandler: requireAgent, config: { meter: 'agent' } }, async (request) => ({ agent: profile(request.agent!) }));

  app.patch('/api/auth/me', { preHandler: requireAgent, config: { meter: 'agent' } }, async (request) => ({ agent: profile(await updateProfile(store, request.agent!.id, request.body)) }));

  app.get('/api/agents', { preHandler: requireAgent, config: { meter: 'agent' } }, async () => {
    const [agents, presence] = await Promise.all([store.agents.all(), presenceOf(store)]);
    return { agents: agents.filter((a) => !a.disabled).map((a) => ({ ...profile(a), presence: presence.get(a.id) ?? 'offline' })) };
  });
};
