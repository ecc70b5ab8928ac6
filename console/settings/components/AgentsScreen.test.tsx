// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeFetch } from '../../ops/fixtures';
import { createSettingsApi } from '../client';
import { agentsJson, me } from '../fixtures';
import { AgentsScreen } from './AgentsScreen';

afterEach(cleanup);

function setup(routes: Parameters<typeof fakeFetch>[0] = {}) {
  const { impl, calls } = fakeFetch({ 'GET /api/admin/agents': { body: agentsJson }, ...routes });
  render(<AgentsScreen api={createSettingsApi(() => {}, impl)} me={me} />);
  return { calls, patches: () => calls.filter((c) => c.method === 'PATCH').map((c) => [c.url, JSON.parse(c.body ?? 'null')]) };
}
const alexRow = async () => (await screen.findByRole('row', { name: /Alex Agent/ })) as HTMLElement;
const alex = { ...agentsJson.agents[1] };

describe('Agents', () => {
  it('lets an admin change others but not disable or demote themselves', async () => {
    setup();
    const self = (await screen.findByRole('row', { name: /Sam Admin/ })) as HTMLElement;
    expect((within(self).getByLabelText('Role of Sam Admin') as HTMLSelectElement).disabled).toBe(true);
    expect(within(self).queryByRole('button', { name: 'Disable' })).toBeNull();
    expect(within(await alexRow()).getByRole('button', { name: 'Disable' })).toBeTruthy();
  });

  it('accepts a capacity of 1 to 50 only, and saves it', async () => {
    const { patches } = setup({ 'PATCH /api/admin/agents/a2': { body: { ...alex, capacity: 5 } } });
    const row = await alexRow();
    const input = within(row).getByLabelText('Capacity of Alex Agent');
    const save = within(row).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    for (const bad of ['0', '51', '2.5', '']) {
      fireEvent.input(input, { target: { value: bad } });
      expect(save.disabled, bad).toBe(true);
      expect(input.getAttribute('aria-invalid')).toBe('true');
    }
    fireEvent.input(input, { target: { value: '5' } });
    fireEvent.click(save);
    await within(row).findByText('Saved.');
    expect(patches()).toEqual([['/api/admin/agents/a2', { capacity: 5 }]]);
  });

  it('resets a password and disables an agent', async () => {
    const { patches } = setup({ 'PATCH /api/admin/agents/a2': { body: { ...alex, disabled: true } } });
    const row = await alexRow();
    fireEvent.click(within(row).getByRole('button', { name: 'Reset password of Alex Agent' }));
    fireEvent.input(within(row).getByLabelText('New password for Alex Agent'), { target: { value: 'short' } });
    expect((within(row).getByRole('button', { name: 'Set password' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(within(row).getByLabelText('New password for Alex Agent'), { target: { value: 'long-enough-1' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Set password' }));
    await within(row).findByText('New password set for Alex Agent; their sessions have ended.');
    fireEvent.click(within(row).getByRole('button', { name: 'Disable' }));
    await within(row).findByText('Alex Agent is disabled and signed out everywhere.');
    expect(patches()).toEqual([
      ['/api/admin/agents/a2', { password: 'long-enough-1' }],
      ['/api/admin/agents/a2', { disabled: true }],
    ]);
  });

  it('adds an agent with a generated first password and shows it to hand over', async () => {
    const { calls } = setup({ 'POST /api/admin/agents': { status: 201, body: { id: 'a3', email: 'rita@demo.test', name: 'Rita', role: 'agent', disabled: false, capacity: 3 } } });
    const form = screen.getByRole('region', { name: 'Add an agent' });
    const password = (within(form).getByLabelText('First password') as HTMLInputElement).value;
    expect(password).toHaveLength(16);
    fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Rita' } });
    fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'rita@demo.test' } });
    fireEvent.submit(within(form).getByRole('button', { name: 'Add agent' }).closest('form')!);
    await within(form).findByText('Rita added.');
    expect(within(form).getByText(password)).toBeTruthy();
    expect(JSON.parse(calls.find((c) => c.method === 'POST')!.body!)).toEqual({ name: 'Rita', email: 'rita@demo.test', role: 'agent', password });
  });

  it('shows the server\'s reason when adding fails', async () => {
    setup({ 'POST /api/admin/agents': { status: 409, body: { type: 'error', code: 'invalid_state', message: 'an agent with email agent@demo.test already exists' } } });
    const form = screen.getByRole('region', { name: 'Add an agent' });
    fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Alex' } });
    fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'agent@demo.test' } });
    fireEvent.submit(within(form).getByRole('button', { name: 'Add agent' }).closest('form')!);
    expect((await within(form).findByRole('alert')).textContent).toBe('Not saved: an agent with email agent@demo.test already exists');
  });
});
