// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpsApi } from '../client';
import { agentsJson, articlesJson, csatJson, fakeFetch, gapsJson, sitesJson, summaryJson, volumeJson } from '../fixtures';
import { OpsApp } from './OpsApp';

afterEach(cleanup);

const me = (role: 'agent' | 'admin') => ({ body: { agent: { id: 'a1', email: `${role}@demo.test`, name: role === 'admin' ? 'Sam Admin' : 'Alex Rivera', role } } });
const tables = {
  'GET /api/ops/sites': { body: sitesJson },
  'GET /api/ops/summary': { body: summaryJson },
  'GET /api/ops/volume': { body: volumeJson },
  'GET /api/ops/agents': { body: agentsJson },
  'GET /api/ops/articles': { body: articlesJson },
  'GET /api/ops/gaps': { body: gapsJson },
  'GET /api/ops/csat': { body: csatJson },
};

/** `ownNavigation` leaves the app its default navigation, as in the browser. */
function start(routes: Parameters<typeof fakeFetch>[0], ownNavigation = false) {
  const goTo = vi.fn();
  const { impl, calls } = fakeFetch(routes);
  render(<OpsApp api={createOpsApi(() => goTo('/agent'), impl)} {...(ownNavigation ? {} : { goTo })} tz="UTC" />);
  return { goTo, calls };
}

describe('OpsApp', () => {
  it('sends a signed-out visitor to the console sign-in', async () => {
    const { goTo } = start({ 'GET /api/auth/me': { status: 401, body: { type: 'error', code: 'unauthorized', message: 'no session' } } });
    await screen.findByText(/You are signed out/);
    expect(goTo).toHaveBeenCalledWith('/agent');
  });

  it('tells an agent the dashboard is for admins and asks for no metrics', async () => {
    const { calls } = start({ 'GET /api/auth/me': me('agent'), ...tables });
    await screen.findByRole('heading', { name: 'Admins only' });
    expect(screen.getByText(/signed in as Alex Rivera \(agent@demo.test\)/)).toBeTruthy();
    expect(calls.filter((c) => c.url.startsWith('/api/ops/'))).toEqual([]);
  });

  it('shows an admin the figures, tables and CSV links for the last 30 days in their zone', async () => {
    const { calls } = start({ 'GET /api/auth/me': me('admin'), ...tables }, true);
    const figures = await screen.findByRole('region', { name: 'Headline figures' });
    const started = (await within(figures).findByRole('heading', { name: 'Conversations started' })).closest('li') as HTMLElement;
    expect(within(started).getByText('4')).toBeTruthy();
    expect(within(started).getByText('▲ +100% · better')).toBeTruthy();
    await screen.findByRole('table', { name: 'Chats, handle time and satisfaction per agent' });
    expect(screen.getByRole('region', { name: 'Agents' }).querySelector('a.csv')?.getAttribute('href')).toMatch(/^\/api\/ops\/agents\.csv\?from=\d{4}-\d{2}-\d{2}&tz=UTC$/);
    expect(screen.getByRole('link', { name: 'Webhooks (in Settings)' }).getAttribute('href')).toBe('/agent/settings#webhooks');
    expect(screen.getByRole('button', { name: 'Create article' })).toBeTruthy();
    const summaryCall = calls.find((c) => c.url.startsWith('/api/ops/summary'))!;
    const from = new URL(summaryCall.url, 'http://x').searchParams.get('from')!;
    expect((Date.now() - Date.parse(`${from}T00:00:00Z`)) / 86_400_000).toBeGreaterThan(29);
    expect((Date.now() - Date.parse(`${from}T00:00:00Z`)) / 86_400_000).toBeLessThan(30);
    // Each table once, the session once: nothing re-asks in a loop.
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.url === '/api/auth/me')).toHaveLength(1);
    expect(calls.filter((c) => c.url.startsWith('/api/ops/summary'))).toHaveLength(1);

    // The durability window is the admin's to choose: the figures and the CSV links follow it.
    const window = screen.getByRole('combobox', { name: 'Resolution holds if not reopened within' }) as HTMLSelectElement;
    expect(window.value).toBe('7');
    window.value = '30';
    window.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(calls.filter((c) => c.url.startsWith('/api/ops/summary')).at(-1)!.url).toMatch(/[?&]durableDays=30(&|$)/));
    expect(screen.getByRole('region', { name: 'Agents' }).querySelector('a.csv')?.getAttribute('href')).toMatch(/&durableDays=30$/);
  });
});
