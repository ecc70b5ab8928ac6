import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { securityWarnings } from './security-warnings';
import { DEMO_AGENTS, DEMO_PASSWORD } from './seed';
import { startupAdvice } from './startup-advice';
import { DataDirInUseError } from './store/pglite-db';

/** Starts the server: one clear line on bad configuration, graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl?.replace(/\/$/, '') ?? `http://localhost:${port}`;
  const lines = [
    '',
    `  Chat server ready (${app.services.store.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}, ${app.services.bot.size} knowledge-base articles)`,
    ...(config.demo ? [`  Demo site      ${base}/`] : []),
    `  Widget loader  ${base}/widget.js`,
    `  Agent console  ${base}/agent`,
    `  Ops dashboard  ${base}/agent/ops`,
    `  Settings       ${base}/agent/settings`,
    `  KB editor      ${base}/agent/kb`,
  ];
  if (config.demo) lines.push(`  Demo logins    ${DEMO_AGENTS.map((a) => a.email).join(', ')} (password: ${DEMO_PASSWORD})`);
  lines.push(...(await startupAdvice(app.services.store, config)));
  console.log(lines.join('\n') + '\n');
  for (const warning of await securityWarnings(config, app.services.store)) app.log.warn(warning);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e instanceof DataDirInUseError ? e.message : e);
  process.exit(1);
});
