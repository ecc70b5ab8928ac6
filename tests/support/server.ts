import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppParts } from '../../server/app';
import { createBot } from '../../server/bot/index';
import type { BotThresholdsInput } from '../../server/bot/index';
import { loadConfig, type Config } from '../../server/config';
import type { Store } from '../../server/store/store';
import type { Backend } from './backends';
import { clientId, pageContext, TestSocket } from './ws-client';

export const DEMO_KB = fileURLToPath(new URL('../../demo/kb', import.meta.url));

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  http: string;
  ws: string;
  close(): Promise<void>;
}

/** The real server on a free port, over a fresh store of the given backend, seeded like demo mode. */
export async function startServer(
  backend: Backend,
  env: Record<string, string> = {},
  kbDir = DEMO_KB,
  thresholds?: BotThresholdsInput,
  parts: Pick<AppParts, 'webhooks' | 'emailSender'> = {},
): Promise<RunningServer> {
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'warn', ...env }), port: 0, host: '127.0.0.1', demo: true };
  const store = await backend.open();
  const bot = await createBot({ kbDir, watch: false, log: () => {}, thresholds });
  const app = await buildApp(config, { ...parts, store, bot, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    store,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await store.close();
      bot.close();
    },
  };
}

/** A visitor socket that has said hello and got its welcome. */
export async function visitor(server: RunningServer, opts: { token?: string | null; lastSeq?: number; conversationId?: string | null } = {}) {
  const socket = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
  socket.send({ type: 'visitor.hello', protocol: 1, token: opts.token ?? null, lastSeq: opts.lastSeq ?? 0, conversationId: opts.conversationId ?? null, context: pageContext(), locale: 'en' });
  const welcome = await socket.type<{ token: string; visitorId: string; conversationId: string | null; messages: Array<{ seq: number; text: string; author: string }>; status: string | null; agentsOnline: boolean }>('visitor.welcome');
  return { socket, welcome };
}

export async function signIn(server: RunningServer, email: string, password = 'demo'): Promise<string> {
  const res = await fetch(`${server.http}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  // The session cookie, not the known-device one that comes with it.
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('chat_session=')) ?? '';
}

/** An agent console socket, signed in and welcomed. */
export async function agent(server: RunningServer, email = 'agent@demo.test') {
  const cookie = await signIn(server, email);
  const socket = await TestSocket.open(`${server.ws}/ws/agent`, { cookie });
  socket.send({ type: 'agent.hello', protocol: 1 });
  const welcome = await socket.type<{ agent: { id: string; name: string }; queue: Array<{ conversationId: string }> }>('agent.welcome');
  return { socket, welcome, cookie };
}

export { clientId, pageContext };
