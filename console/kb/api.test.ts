import { describe, expect, it, vi } from 'vitest';
import { AdminApiError } from '../admin/rest';
import { createKbApi } from './api';

function fakeFetch(answers: Record<string, { status?: number; body: unknown }>) {
  const calls: Array<{ url: string; method: string; headers: Record<string, string>; body?: string }> = [];
  const impl = (async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ url, method, headers: init.headers as Record<string, string>, body: init.body as string | undefined });
    const a = answers[`${method} ${url}`] ?? { status: 404, body: { type: 'error', code: 'not_found', message: 'no route' } };
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { impl, calls };
}

const SOURCE = { id: 'wrap', title: 'Wrap', questions: [], tags: [], url: null, locale: null, body: 'Yes.' };

describe('createKbApi', () => {
  it('creates with If-None-Match: * and sends the answered gap along', async () => {
    const { impl, calls } = fakeFetch({ 'PUT /api/kb/articles/wrap': { body: { article: {}, source: SOURCE } } });
    const api = createKbApi(() => {}, impl);
    const input = { id: 'wrap', title: 'Wrap', questions: [], tags: [], url: null, body: 'Yes.' };
    await expect(api.save(input, { create: true, gap: { id: 'gap-1', questions: ['wrap?'] } })).resolves.toEqual(SOURCE);
    expect(calls[0]?.headers['if-none-match']).toBe('*');
    expect(JSON.parse(calls[0]!.body!)).toEqual({ ...input, gap: { id: 'gap-1', questions: ['wrap?'] } });
  });

  it('carries the server\'s field errors, and a 401 signs out', async () => {
    const signedOut = vi.fn();
    const { impl } = fakeFetch({
      'PUT /api/kb/articles/wrap': { status: 400, body: { type: 'error', code: 'kb_invalid_article', message: 'body: placeholder', fields: { body: 'placeholder' } } },
      'GET /api/kb/articles': { status: 401, body: { type: 'error', code: 'unauthorized', message: 'sign in' } },
    });
    const api = createKbApi(signedOut, impl);
    const err = await api.save({ id: 'wrap', title: 'Wrap', questions: [], tags: [], url: null, body: 'TODO:' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdminApiError);
    expect(err).toMatchObject({ status: 400, code: 'kb_invalid_article', detail: 'body: placeholder', fields: { body: 'placeholder' } });
    await expect(api.list()).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toHaveBeenCalledOnce();
  });
});
