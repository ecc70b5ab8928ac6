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

async function replyTimePanel(saved: number | null) {
  const site = siteJson({ id: 's1', name: 'Shop', settings: { ...siteJson().settings, replyTimeMinutes: saved } });
  const { impl, calls } = fakeFetch({
    'GET /api/admin/sites': { body: { sites: [site] } },
    'PATCH /api/admin/sites/s1': { body: site },
  });
  render(<SitesScreen api={createSettingsApi(() => {}, impl)} />);
  fireEvent.click(await screen.findByRole('button', { name: 'Manage Shop' }));
  const panel = screen.getByRole('region', { name: 'Expected reply time' });
  const patches = () => calls.filter((c) => c.method === 'PATCH').map((c) => JSON.parse(c.body ?? 'null') as unknown);
  return { panel, patches };
}

describe('expected reply time in a site’s settings', () => {
  it('starts on "measure automatically" when none is set, and saves a set time', async () => {
    const { panel, patches } = await replyTimePanel(null);
    expect((within(panel).getByRole('radio', { name: 'Measure automatically' }) as HTMLInputElement).checked).toBe(true);
    expect(within(panel).queryByLabelText('Usually replies within (minutes)')).toBeNull();
    fireEvent.click(within(panel).getByRole('radio', { name: 'A time I set' }));
    fireEvent.input(within(panel).getByLabelText('Usually replies within (minutes)'), { target: { value: '15' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save reply time' }));
    await within(panel).findByText('Saved.');
    expect(patches()).toEqual([{ settings: { replyTimeMinutes: 15 } }]);
  });

  it('refuses minutes out of range with a message tied to the field, and sends nothing', async () => {
    const { panel, patches } = await replyTimePanel(30);
    const minutes = within(panel).getByLabelText('Usually replies within (minutes)') as HTMLInputElement;
    expect(minutes.value).toBe('30');
    fireEvent.input(minutes, { target: { value: '2000' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save reply time' }));
    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toBe('Enter a whole number of minutes from 1 to 1,440.');
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(minutes.getAttribute('aria-describedby')).toBe(alert.id);
    expect(patches()).toEqual([]);
  });

  it('goes back to measuring automatically by saving null', async () => {
    const { panel, patches } = await replyTimePanel(30);
    fireEvent.click(within(panel).getByRole('radio', { name: 'Measure automatically' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Save reply time' }));
    await within(panel).findByText('Saved.');
    expect(patches()).toEqual([{ settings: { replyTimeMinutes: null } }]);
  });
});
