import { describe, expect, it } from 'vitest';
import { previewUrl } from './WidgetPreview';

describe('previewUrl', () => {
  it('passes the look being edited to the preview page, leaving out empty fields so the defaults show', () => {
    const url = new URL(previewUrl('demo', { color: '#aa0066', position: 'left', greeting: ' Hi & welcome ', launcherLabel: '' }, 'es'), 'http://x');
    expect(url.pathname).toBe('/preview/widget');
    expect(Object.fromEntries(url.searchParams)).toEqual({ site: 'demo', position: 'left', locale: 'es', color: '#aa0066', greeting: 'Hi & welcome' });
  });
});
