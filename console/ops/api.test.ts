import { describe, expect, it, vi } from 'vitest';
import { AgentsResponse, ArticlesResponse, CsatResponse, GapsResponse, SummaryResponse, VolumeResponse } from './api';
import { AdminApiError } from '../admin/rest';
import { createOpsApi, csvUrl } from './client';
import { agentsJson, articlesJson, csatJson, fakeFetch, gapsJson, summaryJson, volumeJson } from './fixtures';

const q = { from: '2025-03-01', to: null, tz: 'Europe/Madrid', site: 'demo' };

describe('response schemas', () => {
  it('accept what the server sends', () => {
    for (const [schema, body] of [
      [SummaryResponse, summaryJson],
      [VolumeResponse, volumeJson],
      [AgentsResponse, agentsJson],
      [ArticlesResponse, articlesJson],
      [CsatResponse, csatJson],
      [GapsResponse, gapsJson],
    ] as const) {
      expect(schema.safeParse(body).success).toBe(true);
    }
  });

  it('refuse answers the dashboard could not show right', () => {
    expect(SummaryResponse.safeParse({ ...summaryJson, headlines: [{ ...summaryJson.headlines[0], key: 'made_up' }] }).success).toBe(false);
    expect(VolumeResponse.safeParse({ ...volumeJson, byHour: [{ hour: 24, started: 1, escalated: 0 }] }).success).toBe(false);
    expect(AgentsResponse.safeParse({ ...agentsJson, agents: [{ ...agentsJson.agents[0], chats: '1' }] }).success).toBe(false);
    expect(CsatResponse.safeParse({ ...csatJson, distribution: { '1': 0 } }).success).toBe(false);
    expect(GapsResponse.safeParse({ ...gapsJson, clusters: [{ ...gapsJson.clusters[0], draft: undefined }] }).success).toBe(false);
  });
});

describe('client', () => {
  it('asks for the range, zone and site, and returns the parsed rows', async () => {
    const { impl, calls } = fakeFetch({ 'GET /api/ops/agents': { body: agentsJson } });
    const rows = await createOpsApi(() => {}, impl).agents(q);
    expect(rows.map((r) => r.name)).toEqual(['Sam Admin']);
    expect(calls[0]!.url).toBe('/api/ops/agents?from=2025-03-01&tz=Europe%2FMadrid&site=demo');
  });

  it('fails on a malformed answer instead of showing it', async () => {
    const { impl } = fakeFetch({ 'GET /api/ops/summary': { body: { ...summaryJson, current: null } } });
    await expect(createOpsApi(() => {}, impl).summary(q)).rejects.toMatchObject({ code: 'bad_frame' });
  });

  it('sends the page to sign-in on a 401 and reports the server message otherwise', async () => {
    const signedOut = vi.fn();
    const { impl } = fakeFetch({
      'GET /api/ops/csat': { status: 401, body: { type: 'error', code: 'unauthorized', message: 'sign in' } },
      'PUT /api/kb/articles/x': { status: 400, body: { type: 'error', code: 'kb_invalid_article', message: 'title: Required' } },
    });
    const api = createOpsApi(signedOut, impl);
    await expect(api.csat(q)).rejects.toBeInstanceOf(AdminApiError);
    expect(signedOut).toHaveBeenCalledOnce();
    await expect(api.saveArticle({ id: 'x', title: '', questions: [], tags: [], body: '' })).rejects.toMatchObject({ status: 400, detail: 'title: Required' });
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it('says whether an article id is taken, and saves with PUT to that id', async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/kb/articles': { body: { articles: [{ id: 'returns', title: 'Returns', excerpt: '', url: null, tags: [] }] } },
      'PUT /api/kb/articles/kayak-rental': { body: { article: { id: 'kayak-rental', title: 'Kayak rental', excerpt: '', url: null, html: '<p>x</p>', tags: [] } } },
    });
    const api = createOpsApi(() => {}, impl);
    await expect(api.articleExists('returns')).resolves.toBe(true);
    await expect(api.articleExists('kayak-rental')).resolves.toBe(false);
    const body = { id: 'kayak-rental', title: 'Kayak rental', questions: ['Do you rent kayaks?'], tags: [], body: 'No.' };
    await expect(api.saveArticle(body)).resolves.toMatchObject({ id: 'kayak-rental', title: 'Kayak rental' });
    expect(calls.at(-1)).toEqual({ url: '/api/kb/articles/kayak-rental', method: 'PUT', body: JSON.stringify(body) });
  });

  it('links each table to its CSV for the same query', () => {
    expect(csvUrl('volume', q, { by: 'hour' })).toBe('/api/ops/volume.csv?from=2025-03-01&tz=Europe%2FMadrid&site=demo&by=hour');
  });
});
