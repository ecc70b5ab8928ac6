import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import { HistoryPage } from '../../shared/history';
import type { AgentProfile } from '../../shared/protocol/index';
import type { CannedResponse as Canned } from '../lib/canned';
import { AgentsResponse, CannedResponse, ErrorBody, SessionResponse, type AgentListEntry } from './schemas';

/** A failed API call, with the catalogued code when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | null,
  ) {
    super(`API error ${status}${code ? ` (${code})` : ''}`);
    this.name = 'ApiError';
  }
}

export interface ConsoleApi {
  me(): Promise<AgentProfile | null>;
  login(email: string, password: string): Promise<AgentProfile>;
  logout(): Promise<void>;
  agents(): Promise<AgentListEntry[]>;
  canned(): Promise<Canned[]>;
  /** Tells the bot its answer at `seq` was wrong (it trusts that article less for similar questions). */
  markWrongAnswer(conversationId: string, seq: number): Promise<void>;
  /** The agent's own display name and avatar (PATCH /api/auth/me); `avatarUrl: null` removes the picture. */
  updateProfile(patch: { name?: string; avatarUrl?: string | null }): Promise<AgentProfile>;
  /** A page of the conversation history (see GET /api/conversations); `filters` are its query parameters. */
  history(filters: Record<string, string>, cursor: string | null): Promise<HistoryPage>;
}

/**
 * The console's REST client. `onUnauthorized` fires for a 401 from any call made while signed
 * in, so an expired session anywhere sends the agent back to sign-in.
 */
export function createApi(onUnauthorized: () => void, fetchImpl: typeof fetch = (...a) => fetch(...a)): ConsoleApi {
  async function call<S extends z.ZodType>(path: string, schema: S | null, init?: RequestInit): Promise<z.infer<S> | null> {
    const res = await fetchImpl(path, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}), ...init?.headers },
    });
    if (!res.ok) {
      const body = ErrorBody.safeParse(await res.json().catch(() => null));
      throw new ApiError(res.status, body.success ? body.data.code : null);
    }
    if (!schema || res.status === 204) return null;
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new ApiError(res.status, 'bad_frame');
    return parsed.data;
  }

  async function authed<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    try {
      const r = await call(path, schema);
      if (r === null) throw new ApiError(204, 'bad_frame');
      return r;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onUnauthorized();
      throw e;
    }
  }

  return {
    async me() {
      try {
        return (await call('/api/auth/me', SessionResponse))?.agent ?? null;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    async login(email, password) {
      const r = await call('/api/auth/login', SessionResponse, { method: 'POST', body: JSON.stringify({ email, password }) });
      if (!r) throw new ApiError(204, 'bad_frame');
      return r.agent;
    },
    async logout() {
      await call('/api/auth/logout', null, { method: 'POST' }).catch(() => null);
    },
    async updateProfile(patch) {
      try {
        const r = await call('/api/auth/me', SessionResponse, { method: 'PATCH', body: JSON.stringify(patch) });
        if (!r) throw new ApiError(204, 'bad_frame');
        return r.agent;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) onUnauthorized();
        throw e;
      }
    },
    agents: async () => (await authed('/api/agents', AgentsResponse)).agents,
    canned: async () => (await authed('/api/canned', CannedResponse)).items,
    history(filters, cursor) {
      const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
      if (cursor) query.set('cursor', cursor);
      return authed(`/api/conversations?${query}`, HistoryPage);
    },
    async markWrongAnswer(conversationId, seq) {
      try {
        await call(`/api/conversations/${encodeURIComponent(conversationId)}/messages/${seq}/wrong-answer`, null, { method: 'POST' });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) onUnauthorized();
        throw e;
      }
    },
  };
}
