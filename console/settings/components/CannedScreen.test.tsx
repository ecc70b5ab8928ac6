// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeFetch } from '../../ops/fixtures';
import { createSettingsApi } from '../client';
import { CannedScreen } from './CannedScreen';

afterEach(cleanup);

const hello = { id: 'c1', shortcut: 'hello', text: 'Hi {visitor.name}!' };

function setup(routes: Parameters<typeof fakeFetch>[0] = {}) {
  const { impl, calls } = fakeFetch({ 'GET /api/canned': { body: { items: [hello] } }, ...routes });
  render(<CannedScreen api={createSettingsApi(() => {}, impl)} />);
  return { writes: () => calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.url, c.body && JSON.parse(c.body)]) };
}

describe('Canned responses', () => {
  it('refuses a bad shortcut or an empty text inline, sending nothing', async () => {
    const { writes } = setup();
    const form = screen.getByRole('region', { name: 'Add a canned response' });
    fireEvent.input(within(form).getByLabelText('Shortcut'), { target: { value: 'two words' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add response' }));
    expect(within(form).getByLabelText('Shortcut').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText('Text').getAttribute('aria-invalid')).toBe('true');
    expect(writes()).toEqual([]);
  });

  it('adds one (a leading slash is forgiven) and edits another', async () => {
    const { writes } = setup({
      'POST /api/canned': { status: 201, body: { id: 'c2', shortcut: 'bye', text: 'Bye!' } },
      'PUT /api/canned/c1': { body: { ...hello, text: 'Hello {visitor.name}!' } },
    });
    const form = screen.getByRole('region', { name: 'Add a canned response' });
    fireEvent.input(within(form).getByLabelText('Shortcut'), { target: { value: '/bye' } });
    fireEvent.input(within(form).getByLabelText('Text'), { target: { value: ' Bye! ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add response' }));
    await screen.findByText('/bye saved.');

    fireEvent.click(await screen.findByRole('button', { name: 'Edit /hello' }));
    const edit = screen.getByRole('region', { name: 'Edit /hello' });
    expect((within(edit).getByLabelText('Text') as HTMLTextAreaElement).value).toBe('Hi {visitor.name}!');
    fireEvent.input(within(edit).getByLabelText('Text'), { target: { value: 'Hello {visitor.name}!' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('region', { name: 'Add a canned response' });
    expect(writes()).toEqual([
      ['POST', '/api/canned', { shortcut: 'bye', text: 'Bye!' }],
      ['PUT', '/api/canned/c1', { shortcut: 'hello', text: 'Hello {visitor.name}!' }],
    ]);
  });

  it('deletes one and says why a duplicate shortcut was refused', async () => {
    const { writes } = setup({
      'DELETE /api/canned/c1': { status: 204 },
      'POST /api/canned': { status: 409, body: { type: 'error', code: 'invalid_state', message: 'that shortcut is already used' } },
    });
    const form = screen.getByRole('region', { name: 'Add a canned response' });
    fireEvent.input(within(form).getByLabelText('Shortcut'), { target: { value: 'hello' } });
    fireEvent.input(within(form).getByLabelText('Text'), { target: { value: 'again' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add response' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Not saved: that shortcut is already used');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete /hello' }));
    await screen.findByText('/hello deleted.');
    expect(writes().map((w) => w.slice(0, 2))).toEqual([
      ['POST', '/api/canned'],
      ['DELETE', '/api/canned/c1'],
    ]);
  });
});
