import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Store } from '../store/store';
import type { Agent } from '../store/types';

export const SESSION_COOKIE = 'chat_session';

/** The cookie holds a random token; the store keeps only its hash, so a leaked table opens no session. */
const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export async function startSession(store: Store, reply: FastifyReply, request: FastifyRequest, agent: Agent, ttlMs: number): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await store.sessions.create(hashToken(token), agent.id, ttlMs);
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export async function endSession(store: Store, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await store.sessions.delete(hashToken(token));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function agentFromRequest(store: Store, request: FastifyRequest): Promise<Agent | undefined> {
  const token = request.cookies[SESSION_COOKIE];
  return token ? store.sessions.agentFor(hashToken(token)) : undefined;
}

export function sessionGuards(store: Store) {
  async function requireAgent(request: FastifyRequest): Promise<void> {
    const agent = await agentFromRequest(store, request);
    if (!agent) throw new AppError('unauthorized', 'sign in first');
    request.agent = agent;
  }
  async function requireAdmin(request: FastifyRequest): Promise<void> {
    await requireAgent(request);
    if (request.agent?.role !== 'admin') throw new AppError('forbidden', 'admins only');
  }
  return { requireAgent, requireAdmin };
}

declare module 'fastify' {
  interface FastifyRequest {
    agent?: Agent;
  }
}
