// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpsApi } from '../client';
import { fakeFetch, sitesJson, webhooksJson } from '../fixtures';
import { makeFormats } from '../lib/format';
import { WebhooksPanel } from './WebhooksPanel';

afterEach(cleanup);

describe('Webhooks', () => {
  it('lists, logs and deletes a webhook; a deleted one loses its log', async () => {
    let list = webhooksJson;
    const { impl, calls } = fakeFetch({
      'GET /api/ops/webhooks/w1/deliveries': { body: { deliveries: [{ id: 'd1', eventId: 'e1', eventType: 'conversation.escalated', status: 'failed', attempts: 3, nextAttemptAt: null, lastStatusCode: 500, lastError: 'HTTP 500', createdAt: '2025-03-01T10:00:00.000Z', deliveredAt: null, body: '{}', log: [] }] } },
      'DELETE /api/ops/webhooks/w1': { status: 204 },
    });
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).startsWith('/api/ops/webhooks') && (init?.method ?? 'GET') === 'GET' && !String(input).includes('deliveries')
        ? new Response(JSON.stringify(list))
        : impl(input, init)) as typeof fetch;
    vi.stubGlobal('confirm', () => true);
    render(<WebhooksPanel api={createOpsApi(() => {}, fetchImpl)} sites={sitesJson.sites} site={null} formats={makeFormats('en', 'UTC')} />);
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
    vi.unstubAllGlobals();
  });
});
