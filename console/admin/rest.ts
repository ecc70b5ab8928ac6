import { z } from 'zod';

/** `/api/auth/me`'s answer. */
const MeResponse = z.object({ agent: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['agent', 'admin']) }) });
/** Who is signed in. */
export type AdminMe = z.infer<typeof MeResponse>['agent'];

/** A refusal's body: the catalogued code, a message, and the per-field problems of a refused form. */
const ErrorBody = z.object({ code: z.string(), message: z.string().optional(), fields: z.record(z.string(), z.string()).optional() });

/** A failed call of an admin page: the HTTP status, the server's code and message, and its per-field problems. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly detail: string | null = null,
    readonly fields: Record<string, string> = {},
  ) {
    super(detail ?? `API error ${status}${code ? ` (${code})` : ''}`);
    this.name = 'AdminApiError';
  }
}

export interface AdminRest {
  /** The response of a call that succeeded; an AdminApiError otherwise. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The answer parsed with `schema`; one that does not parse is an AdminApiError `bad_frame`. */
  call<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.infer<S>>;
  /** Null when signed out. */
  me(): Promise<AdminMe | null>;
  logout(): Promise<void>;
}

/**
 * The transport the admin pages' REST clients share. A 401 from any call means the session ended:
 * `onSignedOut` runs (the page goes to the console's sign-in) and the call still fails.
 */
export function adminRest(onSignedOut: () => void, fetchImpl: typeof fetch): AdminRest {
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetchImpl(path, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string> | undefined) },
    });
    if (res.ok) return res;
    if (res.status === 401) onSignedOut();
    const body = ErrorBody.safeParse(await res.json().catch(() => null));
    throw body.success ? new AdminApiError(res.status, body.data.code, body.data.message ?? null, body.data.fields) : new AdminApiError(res.status, null);
  }
  async function call<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
    const res = await request(path, init);
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new AdminApiError(res.status, 'bad_frame');
    return parsed.data;
  }
  return {
    request,
    call,
    async me() {
      try {
        return (await call('/api/auth/me', MeResponse)).agent;
      } catch (e) {
        if (e instanceof AdminApiError && e.status === 401) return null;
        throw e;
      }
    },
    async logout() {
      await request('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    },
  };
}
