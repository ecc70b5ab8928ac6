import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { SiteSettings } from '../store/types';

/**
 * The settings' live preview: a blank page that embeds the real widget with the look being edited,
 * passed as the snippet's `data-*` attributes (which win over the saved settings). Only the console
 * may frame it; like any page, its chat connects only if the site allows this server's origin.
 */
const PreviewQuery = z.object({
  site: z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/),
  color: SiteSettings.shape.color.unwrap().unwrap().optional(),
  position: z.enum(['left', 'right']).optional(),
  greeting: z.string().trim().max(300).optional(),
  launcherLabel: z.string().trim().max(60).optional(),
  locale: z.string().trim().max(35).optional(),
});

const PREVIEW_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

const escapeAttr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function previewPage(q: z.infer<typeof PreviewQuery>): string {
  const attrs = Object.entries({ site: q.site, color: q.color, position: q.position, greeting: q.greeting, 'launcher-label': q.launcherLabel, locale: q.locale })
    .filter(([, v]) => v)
    .map(([k, v]) => ` data-${k}="${escapeAttr(v!)}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Widget preview</title></head>
<body>
<main><h1 hidden>Widget preview</h1></main>
<script src="/widget.js"${attrs} async></script>
</body>
</html>
`;
}

export const previewRoute: FastifyPluginAsync = async (app) => {
  app.get('/preview/widget', async (request, reply) => {
    const q = PreviewQuery.safeParse(request.query);
    if (!q.success) throw new AppError('bad_request', `preview: ${q.error.issues[0]?.path.join('.')}: ${q.error.issues[0]?.message}`);
    return reply
      .type('text/html')
      .header('content-security-policy', PREVIEW_CSP)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-store')
      .send(previewPage(q.data));
  });
};
