import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { CLOSE } from '../shared/limits';
import { sessionGuards } from './auth/sessions';
import { createBot, kbRoutes, resolveThresholds, type Bot, type BotThresholds } from './bot/index';
import type { Bus } from './bus/bus';
import { createInProcessBus } from './bus/in-process-bus';
import { createRedisBus } from './bus/redis-bus';
import type { Config } from './config';
import { GraceKeeper } from './conversations/grace-keeper';
import { trustRoutes } from './routes/trust-routes';
import { gapRecorder } from './kb/gap-resolutions';
import { sharedKb } from './kb/shared-kb';
import { adminRoutes } from './routes/admin-routes';
import { historyRoutes } from './routes/history-routes';
import { fileRoutes } from './files/routes';
import { siteRoutes } from './sites/routes';
import { authRoutes } from './routes/auth-routes';
import { opsRoutes } from './ops/routes';
import { previewRoute } from './routes/preview-route';
import { staticRoutes } from './routes/static-routes';
import { visitorTokenRoutes } from './routes/visitor-token-routes';
import { seedDemo } from './seed';
import { createServices, type Services } from './services';
import { guardConnections, httpTimeouts } from './http/connection-guard';
import { meterRoutes } from './http/rest-metering';
import { sameOrigin } from './http/same-origin';
import { RestLimited } from './limits/rest-meters';
import { outboundPolicy } from './net/address-policy';
import { openStore } from './store/open';
import { isConnectionError } from './store/db';
import { startStageTimings, takeStageTimings } from './store/stage-timings';
import { workCounters } from './store/work-counters';
import type { Store } from './store/store';
import { agentSocketRoute } from './ws/agent-route';
import { drainFrames } from './ws/channel';
import { visitorSocketRoute } from './ws/visitor-route';
import { InboundMail } from './email/inbound';
import { EmailSender, type SenderOptions } from './email/sender';
import { WebhookDispatcher, webhookRoutes, type DispatcherOptions } from './webhooks/index';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Credentials never reach the logs, whatever the level. */
const LOG_REDACTIONS = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.secret', '*.token', '*.userHash'];
/** Frames above this are dropped by ws before any parsing; smaller oversize frames get a typed error. */
const HARD_FRAME_LIMIT = 64 * 1024;

export interface AppParts {
  store?: Store;
  bus?: Bus;
  bot?: Bot;
  distDir?: string;
  /** `false` for no logs (tests); a stream to capture them (tests that check what is logged). */
  logger?: boolean | { write(line: string): void };
  /** Webhook delivery timings (tests shorten retries). */
  webhooks?: Partial<DispatcherOptions>;
  /** Email sending timings (tests shorten retries). */
  emailSender?: Partial<SenderOptions>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** Builds the whole server without listening; `main.ts` listens, tests use inject or port 0. */
export async function buildApp(config: Config, parts: AppParts = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: parts.logger === false ? false : { level: config.logLevel, redact: LOG_REDACTIONS, ...(typeof parts.logger === 'object' ? { stream: parts.logger } : {}) },
    trustProxy: fastifyTrustProxy(config.trustProxy),
    ...httpTimeouts(config.http),
    bodyLimit: 256 * 1024,
    // Per-request access logs are noise for a socket server unless debugging; errors are always logged.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });
  const store = parts.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, queryTimeoutMs: config.dbQueryTimeoutMs, poolMax: config.dbPoolMax }, (e) => app.log.warn({ err: e }, 'database connection error')));
  const onBusError = (e: unknown) => app.log.error({ err: e }, 'bus handler failed');
  const bus =
    parts.bus ??
    (config.redisUrl
      ? await createRedisBus({ url: config.redisUrl, prefix: config.redisPrefix, onHandlerError: onBusError, log: (level, msg) => app.log[level](msg) })
      : createInProcessBus(onBusError));
  const ownBot =
    parts.bot ??
    (await createBot({
      kbDir: config.kbDir,
      thresholds: botThresholds(config),
      // The KB's self-measurement is stored by content hash, so a restart with the same KB answers at its own point at once.
      calibrationCacheDir: join(config.dataDir, 'bot'),
      log: (level, msg) => app.log[level](msg),
    }));
  // API edits of the KB are kept in the database and applied by every node (server/kb/shared-kb.ts).
  const kb = sharedKb(ownBot, store.db, bus, (level, msg) => app.log[level](msg));
  const bot = kb.bot;
  if (config.demo) await seedDemo(store);
  const services = await createServices(config, store, bus, bot, app.log);
  app.decorate('services', services);
  const grace = new GraceKeeper(services, config.agentGraceMs, app.log);
  const outbound = outboundPolicy(config.outboundAllowNetworks);
  const webhooks = new WebhookDispatcher(store, app.log, { policy: outbound, ...parts.webhooks });
  guardConnections(app, config.http, config.trustProxy);
  const mailer = config.email ? new EmailSender(store, config.email, app.log, parts.emailSender) : null;
  const inbound = config.inboundSmtp ? new InboundMail(services.core, services.emailReplyKey, app.log) : null;
  if (services.email) {
    const email = services.email;
    // A mail that cannot be queued must never fail the agent's reply, which is already stored.
    services.agents.afterReply = (c, m) => email.agentReplied(c, m).catch((e: unknown) => app.log.warn({ err: e, conversationId: c.id }, 'could not queue email'));
  }

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof RestLimited) reply.header('retry-after', error.retryAfterSeconds);
    if (error instanceof AppError) return reply.code(error.status).send({ type: 'error', code: error.code, message: error.message });
    if (isConnectionError(error)) return reply.code(503).send({ type: 'error', code: 'unavailable', message: 'the service is briefly unavailable; please retry' });
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      return reply.code(400).send({ type: 'error', code: 'bad_request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ type: 'error', code: 'bad_request', message: (error as Error).message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ type: 'error', code: 'internal', message: 'something went wrong on our side' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ type: 'error', code: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` }));
  // Cookies are SameSite=Strict; refusing foreign Origins on state changes closes the rest of CSRF.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || request.routeOptions.config?.crossSite) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, request, config.publicUrl)) throw new AppError('forbidden', 'cross-site request refused');
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  });

  await app.register(fastifyCookie);
  // No-op preClose: the plugin's default closes sockets without a code (1005) before ours can send 1012.
  await app.register(fastifyWebsocket, { options: { maxPayload: HARD_FRAME_LIMIT }, preClose: (done) => done() });

  meterRoutes(app, services.rest);
  app.get('/healthz', async () => ({ ok: true, store: store.kind, articles: bot.size }));
  // Only for `npm run bench`: what the database was asked, counted in this process.
  if (config.benchCounters) {
    app.get('/bench/counters', async () => ({ ...workCounters }));
    // Where the latency goes, per stage, since the last call (server/store/stage-timings.ts).
    startStageTimings();
    app.get('/bench/stages', async () => takeStageTimings());
  }

  await app.register(visitorSocketRoute, { services });
  await app.register(agentSocketRoute, { services });
  await app.register(authRoutes, { services });
  await app.register(adminRoutes, { services });
  await app.register(visitorTokenRoutes, { services });
  await app.register(historyRoutes, { services });
  await app.register(fileRoutes, { services, files: services.files });
  await app.register(siteRoutes, { services });
  await app.register(trustRoutes, { services });
  await app.register(kbRoutes, { bot, requireAdmin: sessionGuards(store).requireAdmin, gaps: gapRecorder(store) });
  await app.register(opsRoutes, { services, requireAdmin: sessionGuards(store).requireAdmin });
  await app.register(webhookRoutes, { store, requireAdmin: sessionGuards(store).requireAdmin, policy: outbound });
  await app.register(previewRoute);
  await app.register(staticRoutes, { distDir: parts.distDir ?? `${ROOT}dist`, demoDir: `${ROOT}demo`, demo: config.demo });

  app.addHook('onReady', async () => {
    await kb.start();
    await store.wake.start((e) => app.log.warn({ err: e }, 'not hearing other nodes\' wakes; the outboxes fall back to their safety poll'));
    grace.start();
    webhooks.start();
    mailer?.start();
    if (inbound && config.inboundSmtp) app.log.info({ port: await inbound.listen(config.inboundSmtp.port, config.inboundSmtp.host) }, 'inbound SMTP listening');
  });
  // Clients are told to come back (1012), then the store is flushed and closed.
  app.addHook('preClose', async () => {
    grace.stop();
    await webhooks.stop();
    await mailer?.stop();
    await inbound?.close();
    for (const client of app.websocketServer.clients) client.close(CLOSE.serverRestart, 'server restarting');
    await drainFrames(); // frames already taken (and their bot turns) finish before the store closes
  });
  app.addHook('onClose', async () => {
    services.limits.close();
    services.rest.close();
    services.frameBudgets.close();
    kb.stop();
    services.feed.close();
    services.files.close();
    bot.close();
    await bus.close();
    if (!parts.store) await store.close();
  });
  return app;
}

function botThresholds(config: Config): BotThresholds | undefined {
  if (!config.botConfigFile) return undefined;
  return resolveThresholds(JSON.parse(readFileSync(config.botConfigFile, 'utf8')));
}

/** Fastify's form of TRUST_PROXY: whether hop `i` (0 = our peer) is a proxy whose X-Forwarded-For we believe. */
function fastifyTrustProxy(trust: Config['trustProxy']): false | ((address: string, i: number) => boolean) {
  if (trust === false || trust === 0) return false;
  if (typeof trust === 'number') return (_address, i) => i < trust;
  return (address) => trust.has(address);
}
