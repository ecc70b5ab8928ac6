// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminMe } from '../../admin/rest';
import type { ArticleSource, KbApi } from '../api';
import { KbApp } from './KbApp';

afterEach(cleanup);
beforeEach(() => history.replaceState(null, '', '/agent/kb'));

const ADMIN: AdminMe = { id: 'a1', email: 'admin@demo.test', name: 'Sam Admin', role: 'admin' };
const source = (id: string, title: string): ArticleSource => ({ id, title, questions: [], tags: [], url: null, locale: null, body: `${title}.` });

function fakeApi(me: AdminMe | null): KbApi {
  const articles = [source('gift-cards', 'Gift cards'), source('refund-timing', 'Refund timing')];
  return {
    me: vi.fn(async () => me),
    logout: vi.fn(async () => {}),
    list: vi.fn(async () => articles.map(({ id, title }) => ({ id, title, excerpt: '', url: null, tags: id === 'gift-cards' ? ['vouchers'] : [] }))),
    source: vi.fn(async (id: string) => articles.find((a) => a.id === id)!),
    save: vi.fn(async (input) => ({ ...input, url: null, locale: null })),
    remove: vi.fn(async () => {}),
    preview: vi.fn(async () => ({ html: '', placeholder: null })),
    addQuestions: vi.fn(),
    stats: vi.fn(async () => [{ articleId: 'gift-cards', shown: 12, helped: 7, notHelped: 2, escalationsAfter: 1 }]),
    gaps: vi.fn(async () => []),
  };
}

describe('KbApp', () => {
  it('lists and searches articles with their numbers, and opens one by its link', async () => {
    render(<KbApp api={fakeApi(ADMIN)} goTo={() => {}} />);
    await screen.findByText('2 of 2 articles');
    expect(screen.getByRole('button', { name: /Gift cards/ }).textContent).toContain('Shown 12 · helped 7 · not helped 2');
    fireEvent.input(screen.getByLabelText('Search articles'), { target: { value: 'vouchers' } });
    expect(screen.getByText('1 of 2 articles')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Search articles'), { target: { value: 'kayak' } });
    expect(screen.getByText('No article matches “kayak”.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Search articles'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: /Gift cards/ }));
    await screen.findByRole('heading', { name: 'Edit “Gift cards”' });
    expect(location.search).toBe('?article=gift-cards');
    const stats = screen.getByRole('region', { name: 'Last 30 days' });
    expect(stats.textContent).toBe('Last 30 daysShown12Helped7Not helped2Escalations after1');
    expect(screen.getByRole('button', { name: /Gift cards/ }).getAttribute('aria-current')).toBe('true');
  });

  it('keeps agents out and sends signed-out visitors to sign in, to come back here afterwards', async () => {
    render(<KbApp api={fakeApi({ ...ADMIN, role: 'agent' })} goTo={() => {}} />);
    await screen.findByRole('heading', { name: 'Admins only' });
    cleanup();
    const goTo = vi.fn();
    render(<KbApp api={fakeApi(null)} goTo={goTo} />);
    await waitFor(() => expect(goTo).toHaveBeenCalledWith('/agent?next=%2Fagent%2Fkb'));
  });

  it('asks before leaving unsaved changes for another article', async () => {
    render(<KbApp api={fakeApi(ADMIN)} goTo={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: /Gift cards/ }));
    await screen.findByRole('heading', { name: 'Edit “Gift cards”' });
    // Untouched: no question asked.
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    fireEvent.click(screen.getByRole('button', { name: /Refund timing/ }));
    await screen.findByRole('heading', { name: 'Edit “Refund timing”' });
    expect(confirm).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Refund times' } });
    fireEvent.click(screen.getByRole('button', { name: /Gift cards/ }));
    expect(confirm).toHaveBeenCalledWith('You have unsaved changes. Discard them?');
    expect(screen.getByRole('heading', { name: 'Edit “Refund timing”' })).toBeTruthy();
    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByRole('button', { name: /Gift cards/ }));
    await screen.findByRole('heading', { name: 'Edit “Gift cards”' });
    vi.unstubAllGlobals();
  });
});

