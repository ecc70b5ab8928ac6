// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../../ops/fixtures';
import { createSettingsApi } from '../client';
import { agentsJson } from '../fixtures';
import { SettingsApp } from './SettingsApp';

afterEach(() => {
  cleanup();
  location.hash = '';
});

const me = (role: 'agent' | 'admin') => ({ body: { agent: { id: 'a1', email: 'sam@demo.test', name: 'Sam', role } } });

describe('SettingsApp', () => {
  it('sends a signed-out visitor to the console sign-in', async () => {
    const goTo = vi.fn();
    const { impl } = fakeFetch({ 'GET /api/auth/me': { status: 401, body: { type: 'error', code: 'unauthorized' } } });
    render(<SettingsApp api={createSettingsApi(() => {}, impl)} goTo={goTo} />);
    await vi.waitFor(() => expect(goTo).toHaveBeenCalledWith('/agent'));
  });

  it('tells an agent it is for admins and asks nothing of the admin API', async () => {
    const { impl, calls } = fakeFetch({ 'GET /api/auth/me': me('agent') });
    render(<SettingsApp api={createSettingsApi(() => {}, impl)} goTo={vi.fn()} />);
    await screen.findByRole('heading', { name: 'Admins only' });
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/me']);
  });

  it('opens the screen named in the address, with the list of screens marking it', async () => {
    location.hash = '#agents';
    const { impl } = fakeFetch({ 'GET /api/auth/me': me('admin'), 'GET /api/admin/agents': { body: agentsJson } });
    render(<SettingsApp api={createSettingsApi(() => {}, impl)} goTo={vi.fn()} />);
    await screen.findByRole('row', { name: /Alex Agent/ });
    expect(screen.getByRole('link', { name: 'Agents' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Sites' }).getAttribute('aria-current')).toBeNull();
    expect(document.title).toBe('Settings');
  });
});
