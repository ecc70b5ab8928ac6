import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export interface StaticOptions {
  /** Root of the production build (`dist/`). */
  distDir: string;
  /** The demo site's folder. */
  demoDir: string;
  /** Demo mode serves the demo shop at `/`; a production server has no shop of its own there, so `/` leads to the console. */
  demo: boolean;
}

/** Content-hashed files never change under their name: cache them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The loader's URL is fixed in every site's snippet, so it is cached briefly; a deploy reaches visitors within 5 minutes. */
const LOADER_CACHE = 'public, max-age=300';
const HASHED_WIDGET_FILE = /\/(app|chunk)-[\w-]+\.js$/;

// The console's own policy: nothing inline, nothing from elsewhere, never framed.
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The built widget and console, and (in demo mode) the demo site. Missing builds answer with how to make them. */
export const staticRoutes: FastifyPluginAsync<StaticOptions> = async (app, options) => {
  const widgetDir = resolve(options.distDir, 'widget');
  const consoleDir = resolve(options.distDir, 'console');
  const notBuilt = (reply: FastifyReply, what: string) =>
    reply.code(503).type('text/plain').send(`The ${what} is not built yet: run \`npm run build\` (npm start does it for you).`);

  await app.register(fastifyStatic, {
    root: widgetDir,
    prefix: '/widget/',
    decorateReply: true,
    // `npm run build` writes .br and .gz beside each file; the best one the client accepts is sent as it is.
    preCompressed: true,
    cacheControl: false,
    // Embedded on other sites: the loader and app must load cross-origin.
    setHeaders: (res, path) => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('vary', 'accept-encoding');
      res.setHeader('cache-control', HASHED_WIDGET_FILE.test(path.replace(/\.(br|gz)$/, '')) ? IMMUTABLE : LOADER_CACHE);
      res.setHeader('cross-origin-resource-policy', 'cross-origin');
    },
  });
  app.get('/widget.js', (_request, reply) => {
    if (!existsSync(join(widgetDir, 'widget.js'))) return notBuilt(reply, 'widget');
    return reply.sendFile('widget.js', widgetDir);
  });

  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', CONSOLE_CSP);
      reply.header('x-frame-options', 'DENY');
    });
    await scope.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/agent/',
      decorateReply: false,
      index: false,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      // Vite names everything under assets/ by content hash; anything else may change under its name.
      setHeaders: (res, path) => {
        res.setHeader('vary', 'accept-encoding');
        res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache');
      },
    });
    const page = (file: string) => (_request: unknown, reply: FastifyReply) => {
      const name = existsSync(join(consoleDir, file)) ? file : 'index.html';
      if (!existsSync(join(consoleDir, name))) return notBuilt(reply, 'agent console');
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile(name, consoleDir);
    };
    scope.get('/agent', page('index.html'));
    scope.get('/agent/', page('index.html'));
    scope.get('/agent/ops', page('ops.html'));
    scope.get('/agent/settings', page('settings.html'));
    scope.get('/agent/kb', page('kb.html'));
    const consolePage = page('index.html');
    scope.get('/agent/*', (request, reply) => {
      // The scan above sees the files present at start. A build made while this process runs (another node's
      // `npm start`, a deploy) adds assets it never saw, which the new index.html asks for: look them up now,
      // and answer a missing asset with 404, never with the console page in its place (a blank console).
      const rest = (request.params as { '*': string })['*'];
      if (!rest.startsWith('assets/')) return consolePage(request, reply);
      const file = resolve(consoleDir, rest);
      if (!file.startsWith(consoleDir + sep) || !existsSync(file)) return reply.code(404).type('text/plain').send('Not found');
      return reply.header('cache-control', IMMUTABLE).sendFile(relative(consoleDir, file), consoleDir);
    });
  });

  if (!options.demo) {
    // The demo shop embeds the `demo` site, which production never seeds: its chat would only say it is off.
    app.get('/', (_request, reply) => reply.redirect('/agent'));
    return;
  }
  app.get('/', (_request, reply) => reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', options.demoDir));
  app.get('/demo/site.css', (_request, reply) => reply.sendFile('site.css', options.demoDir));
};
