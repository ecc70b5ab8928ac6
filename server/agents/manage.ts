import { z } from 'zod';
import { lineText } from '../../shared/text';
import { AppError } from '../../shared/errors';
import { isUniqueViolation } from '../store/db';
import { hashPassword } from '../auth/password';
import type { Store } from '../store/store';
import type { Agent } from '../store/types';

/** Account management shared by the admin API and `npm run agents`. */
export const NewAgent = z.object({
  email: z.email().max(254),
  name: lineText().trim().min(1).max(120),
  role: z.enum(['agent', 'admin']).default('agent'),
  password: z.string().min(8, 'must be at least 8 characters').max(1_000),
});
export type NewAgent = z.input<typeof NewAgent>;

/** Shown to visitors beside replies: https only (a page on https must not load mixed content), null removes it. */
export const AvatarUrl = z
  .url({ protocol: /^https$/, error: 'the avatar must be an https:// address' })
  .max(500, 'the avatar address is longer than 500 characters')
  .nullable();

/** What an agent may change about themselves: how visitors see them. */
export const ProfilePatch = z.object({
  name: lineText().trim().min(1).max(120).optional(),
  avatarUrl: AvatarUrl.optional(),
});

export const AgentPatch = z.object({
  avatarUrl: AvatarUrl.optional(),
  name: lineText().trim().min(1).max(120).optional(),
  role: z.enum(['agent', 'admin']).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(8, 'must be at least 8 characters').max(1_000).optional(),
  /** How many chats auto-assignment gives this agent at once (`assignMode: 'auto'`). */
  capacity: z.number().int().min(1).max(50).optional(),
});

export const publicAgent = (a: Agent) => ({ id: a.id, email: a.email, name: a.name, role: a.role, disabled: a.disabled, capacity: a.capacity, avatarUrl: a.avatarUrl });

export async function addAgent(store: Store, input: unknown): Promise<Agent> {
  const a = NewAgent.parse(input);
  try {
    return await store.agents.create({ email: a.email, name: a.name, role: a.role, passwordHash: await hashPassword(a.password) });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('invalid_state', `an agent with email ${a.email} already exists`);
    throw e;
  }
}

/** Disabling or a new password ends every session of that agent at once. */
export async function updateAgent(store: Store, id: string, input: unknown): Promise<Agent> {
  const p = AgentPatch.parse(input);
  const agent = await store.agents.byId(id);
  if (!agent) throw new AppError('not_found', 'no such agent');
  await store.agents.update(id, {
    name: p.name,
    role: p.role,
    disabled: p.disabled,
    passwordHash: p.password ? await hashPassword(p.password) : undefined,
    capacity: p.capacity,
    avatarUrl: p.avatarUrl,
  });
  if (p.disabled || p.password) await store.sessions.deleteForAgent(id);
  return (await store.agents.byId(id))!;
}

/** An agent's own name and avatar; new replies carry them (earlier ones keep what they had). */
export async function updateProfile(store: Store, id: string, input: unknown): Promise<Agent> {
  const p = ProfilePatch.parse(input);
  await store.agents.update(id, { name: p.name, avatarUrl: p.avatarUrl });
  const agent = await store.agents.byId(id);
  if (!agent) throw new AppError('not_found', 'no such agent');
  return agent;
}

export async function agentByEmail(store: Store, email: string): Promise<Agent> {
  const agent = await store.agents.byEmail(email);
  if (!agent) throw new AppError('not_found', `no agent with email ${email}`);
  return agent;
}
