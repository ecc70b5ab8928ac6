import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app';
import { createBot } from '../server/bot/index';
import { loadConfig } from '../server/config';
import type { FastifyInstance } from 'fastify';
import { backends } from './support/backends';
import { DEMO_KB } from './support/server';
import { TestSocket, clientId, pageContext } from './support/ws-client';

describe('logs at the most verbose level', () => {
  const lines: string[] = [];
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    const config = { ...loadConfig({ LOG_LEVEL: 'trace' }), demo: true };
    const store = await backends()[0]!.open();
    const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
    app = await buildApp(config, { store, bot, logger: { write: (line: string) => void lines.push(line) } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
  });

  it('never contain passwords, session cookies, visitor tokens, user hashes or site secrets', async () => {
    const post = (body: unknown) => fetch(`http://${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post({ email: 'agent@demo.test', password: 'not-the-password-9' });
    const ok = await post({ email: 'admin@demo.test', password: 'demo' });
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0]!;
    const sessionToken = cookie.split('=')[1]!;
    await fetch(`http://${base}/api/auth/me`, { headers: { cookie } });
    await fetch(`http://${base}/api/admin/sites`, { headers: { cookie } });

    const site = (await app.services.store.sites.byKey('demo'))!;
    const userHash = createHmac('sha256', site.secret).update('u-1').digest('hex');
    const v = await TestSocket.open(`ws://${base}/ws/visitor?site=demo`, { cookie });
    v.send({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, context: pageContext() });
    const welcome = await v.type<{ token: string }>('visitor.welcome');
    v.send({ type: 'visitor.identify', identity: { userId: 'u-1', userHash } });
    v.send({ type: 'visitor.send', id: clientId(), text: 'hello' });
    await v.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
    v.close();
    await new Promise((r) => setTimeout(r, 100));

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of ['not-the-password-9', sessionToken, welcome.token, userHash, site.secret]) expect(log).not.toContain(secret);
  });
});
