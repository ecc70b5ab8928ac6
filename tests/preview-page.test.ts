import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends';
import { startServer, type RunningServer } from './support/server';

describe('GET /preview/widget (the settings\' live preview)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
  });
  afterAll(async () => {
    await server.close();
  });

  it('embeds the real loader with the look as snippet attributes, escaped, framable only by this origin', async () => {
    const q = new URLSearchParams({ site: 'demo', color: '#aa0066', position: 'left', greeting: '"><script>alert(1)</script>', launcherLabel: 'Ask & go' });
    const res = await fetch(`${server.http}/preview/widget?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await res.text();
    expect(html).toContain('<script src="/widget.js" data-site="demo" data-color="#aa0066" data-position="left" data-greeting="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" data-launcher-label="Ask &amp; go" async></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('refuses a bad key or look with a typed error', async () => {
    for (const q of ['', 'site=a%20b', 'site=demo&color=red', 'site=demo&position=top', `site=demo&launcherLabel=${'x'.repeat(61)}`]) {
      const res = await fetch(`${server.http}/preview/widget?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ type: 'error', code: 'bad_request' });
    }
  });
});
