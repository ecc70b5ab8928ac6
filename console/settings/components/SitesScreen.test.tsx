// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../../ops/fixtures';
import { createSettingsApi } from '../client';
import { siteJson } from '../fixtures';
import { SitesScreen } from './SitesScreen';

// happy-dom loads no frames; the preview's real widget is covered by the browser test.
vi.mock('./WidgetPreview', () => ({ WidgetPreview: () => null }));

afterEach(cleanup);

const shop = siteJson({ id: 's2', key: 'a1b2c3d4e5f6a7b8', name: 'Shop', allowedOrigins: ['https://shop.example.com'], snippet: '<script src="https://chat.example.com/widget.js" data-site="a1b2c3d4e5f6a7b8" async></script>' });

function setup(routes: Parameters<typeof fakeFetch>[0] = {}) {
  const { impl, calls } = fakeFetch({ 'GET /api/admin/sites': { body: { sites: [siteJson(), shop] } }, ...routes });
  render(<SitesScreen api={createSettingsApi(() => {}, impl)} />);
  return { calls, body: (method: string, url: string) => JSON.parse(calls.find((c) => c.method === method && c.url.startsWith(url))?.body ?? 'null') };
}

async function open(name: string) {
  fireEvent.click(await screen.findByRole('button', { name: `Manage ${name}` }));
  return screen.getByRole('region', { name: `Site: ${name}` });
}

describe('Sites', () => {
  it('lists each site with its key, status and origins, and opens one with its snippet', async () => {
    setup();
    const row = (await screen.findByRole('row', { name: /Shop/ })) as HTMLElement;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['a1b2c3d4e5f6a7b8', 'Active', 'https://shop.example.com', 'Manage']);
    const site = await open('Shop');
    expect((within(site).getByLabelText('Embed snippet') as HTMLTextAreaElement).value).toBe(shop.snippet);
    expect(within(site).getByRole('button', { name: 'Copy Embed snippet' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close Shop' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('disables and enables a site', async () => {
    const { body } = setup({ 'PATCH /api/admin/sites/s2': { body: { ...shop, disabled: true } } });
    const site = await open('Shop');
    expect(document.activeElement?.textContent).toBe('Site: Shop');
    fireEvent.click(within(site).getByRole('button', { name: 'Disable site' }));
    await within(site).findByText('Site disabled.');
    expect(body('PATCH', '/api/admin/sites/s2')).toEqual({ disabled: true });
  });

  it('creates a site and opens it', async () => {
    const created = siteJson({ id: 's3', key: 'ffff0000ffff0000', name: 'Blog' });
    const { body } = setup({ 'POST /api/admin/sites': { status: 201, body: created } });
    fireEvent.input(await screen.findByLabelText('Name'), { target: { value: '  Blog ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create site' }));
    await screen.findByText('Site Blog created with key ffff0000ffff0000.');
    expect(body('POST', '/api/admin/sites')).toEqual({ name: 'Blog' });
  });

  it('deletes only after the site key is typed, and sends it as the confirmation', async () => {
    const { calls } = setup({ 'DELETE /api/admin/sites/s2': { status: 204 } });
    const site = await open('Shop');
    fireEvent.click(within(site).getByRole('button', { name: 'Delete site…' }));
    const confirm = within(site).getByRole('button', { name: 'Delete for good' }) as HTMLButtonElement;
    fireEvent.input(within(site).getByLabelText('Type the site key (a1b2c3d4e5f6a7b8) to confirm'), { target: { value: 'Shop' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.input(within(site).getByLabelText('Type the site key (a1b2c3d4e5f6a7b8) to confirm'), { target: { value: 'a1b2c3d4e5f6a7b8' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await screen.findByText('Site Shop deleted.');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/admin/sites/s2?confirm=a1b2c3d4e5f6a7b8']);
  });

  it('shows the secret on demand and rotates it with the chosen grace period', async () => {
    const { body } = setup({
      'GET /api/admin/sites/s2/secret': { body: { secret: 'old-secret', previousSecretExpiresAt: null } },
      'POST /api/admin/sites/s2/secret/rotate': { body: { secret: 'new-secret', previousSecretExpiresAt: '2030-01-01T00:00:00.000Z' } },
    });
    const site = await open('Shop');
    expect(within(site).queryByDisplayValue('old-secret')).toBeNull();
    fireEvent.click(within(site).getByRole('button', { name: 'Show secret' }));
    await within(site).findByDisplayValue('old-secret');
    fireEvent.change(within(site).getByLabelText('When rotating, the old secret keeps working for'), { target: { value: '72' } });
    fireEvent.click(within(site).getByRole('button', { name: 'Rotate secret' }));
    expect(within(site).getByText('Make a new secret? The current one keeps verifying for 72 h; update your server before then.')).toBeTruthy();
    fireEvent.click(within(site).getByRole('button', { name: 'Make a new secret' }));
    await within(site).findByDisplayValue('new-secret');
    expect(within(site).getByText(/The previous secret still verifies until/)).toBeTruthy();
    expect(body('POST', '/api/admin/sites/s2/secret/rotate')).toEqual({ graceHours: 72 });
  });

  it('checks origins as they are typed and saves them normalised', async () => {
    const { body } = setup({ 'PATCH /api/admin/sites/s1': { body: siteJson({ allowedOrigins: ['https://a.example'] }) } });
    const origins = within(await open('Northwind Outfitters')).getByRole('region', { name: 'Allowed origins' });
    const input = within(origins).getByLabelText('Add an origin');
    fireEvent.input(input, { target: { value: 'a.example' } });
    fireEvent.click(within(origins).getByRole('button', { name: 'Add' }));
    expect(within(origins).getByRole('alert').textContent).toBe('“a.example” is not an origin: write it as https://host or http://host:port.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(input, { target: { value: 'https://a.example/shop' } });
    fireEvent.click(within(origins).getByRole('button', { name: 'Add' }));
    fireEvent.click(within(origins).getByRole('button', { name: 'Save origins' }));
    await within(origins).findByText('Saved.');
    expect(body('PATCH', '/api/admin/sites/s1')).toEqual({ allowedOrigins: ['https://a.example'] });
  });

  it('says why a save was refused, in the server\'s words', async () => {
    setup({ 'PATCH /api/admin/sites/s1': { status: 400, body: { type: 'error', code: 'bad_request', message: 'settings.greeting: too long' } } });
    const look = within(await open('Northwind Outfitters')).getByRole('region', { name: 'Appearance' });
    fireEvent.click(within(look).getByRole('button', { name: 'Save appearance' }));
    expect((await within(look).findByRole('alert')).textContent).toBe('Not saved: settings.greeting: too long');
  });
});
