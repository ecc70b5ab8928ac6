// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../../ops/fixtures';
import { createSettingsApi } from '../client';
import { deliveryJson, siteJson, webhooksJson } from '../fixtures';
import { WebhooksScreen } from './WebhooksScreen';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A fetch whose webhook list is whatever `list()` says at the time of the call. */
function server(list: () => unknown, routes: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch({ 'GET /api/admin/sites': { body: { sites: [siteJson()] } }, ...routes });
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) =>
    String(input).split('?')[0] === '/api/ops/webhooks' && (init?.method ?? 'GET') === 'GET' ? new Response(JSON.stringify(list())) : fake.impl(input, init)) as typeof fetch;
  return { api: createSettingsApi(() => {}, impl), calls: fake.calls };
}

describe('Webhooks in Settings', () => {
  it('lists, logs and deletes a webhook; a deleted one loses its log', async () => {
    let list: unknown = webhooksJson;
    const { api, calls } = server(() => list, {
      'GET /api/ops/webhooks/w1/deliveries': { body: { deliveries: [deliveryJson()] } },
      'DELETE /api/ops/webhooks/w1': { status: 204 },
    });
    vi.stubGlobal('confirm', () => true);
    render(<WebhooksScreen api={api} />);
    const row = (await screen.findByText('https://hooks.example/x')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Delivery log' }));
    const log = await screen.findByRole('table', { name: 'Delivery log: https://hooks.example/x' });
    expect(within(log).getAllByRole('cell').map((c) => c.textContent)).toEqual(['conversation.escalated', 'Failed', '3', '500 · HTTP 500']);

    list = { webhooks: [] };
    fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    await screen.findByText('No webhooks yet.');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('table', { name: /Delivery log/ })).toBeNull();
    expect(calls.filter((c) => c.url.includes('deliveries'))).toHaveLength(1);
  });

  it('sends a test event and shows it in the log that opens', async () => {
    let deliveries = [deliveryJson({ status: 'delivered', lastStatusCode: 200, lastError: null })];
    const { api, calls } = server(() => webhooksJson, {
      'POST /api/ops/webhooks/w1/test': { status: 202, body: { delivery: deliveryJson({ id: 'd2', eventType: 'webhook.test', status: 'pending', attempts: 0, lastStatusCode: null, lastError: null }) } },
    });
    const fetchDeliveries = vi.fn(async () => ({ deliveries }));
    const withLog = { ...api, deliveries: async (id: string) => (await fetchDeliveries()).deliveries.map((d) => ({ ...d, id: `${id}-${d.id}` })) } as typeof api;
    render(<WebhooksScreen api={withLog} />);
    const row = (await screen.findByText('https://hooks.example/x')).closest('tr') as HTMLElement;
    deliveries = [deliveryJson({ eventType: 'webhook.test', status: 'pending', attempts: 0, lastStatusCode: null, lastError: null }), ...deliveries];
    fireEvent.click(within(row).getByRole('button', { name: 'Send test event to https://hooks.example/x' }));
    await screen.findByText('Test event queued for https://hooks.example/x; its delivery shows in the log.');
    const log = await screen.findByRole('table', { name: 'Delivery log: https://hooks.example/x' });
    expect(within(log).getAllByRole('cell')[0]?.textContent).toBe('webhook.test');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/ops/webhooks/w1/test']);
  });

  it('says why a test event was refused', async () => {
    const { api } = server(() => webhooksJson, {
      'POST /api/ops/webhooks/w1/test': { status: 409, body: { type: 'error', code: 'invalid_state', message: 'the webhook is paused: resume it to send a test event' } },
    });
    render(<WebhooksScreen api={api} />);
    const row = (await screen.findByText('https://hooks.example/x')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Send test event to https://hooks.example/x' }));
    await screen.findByText('Test event not sent: the webhook is paused: resume it to send a test event');
  });
});
