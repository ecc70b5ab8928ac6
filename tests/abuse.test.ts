import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../shared/limits';
import { backends } from './support/backends';
import { clientId, pageContext, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

describe('abuse limits', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!, { RATE_MESSAGES_PER_MINUTE: '30', RATE_CONNECTIONS_PER_MINUTE: '20' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('limits a visitor sending too fast with a message a person understands, and stores nothing extra', async () => {
    const { socket } = await visitor(server);
    const ids = Array.from({ length: 14 }, () => clientId());
    for (const id of ids) socket.send({ type: 'visitor.send', id, text: `hello ${id}` });
    const answers = await Promise.all(ids.map((id) => socket.next<{ type: string; code?: string; message?: string }>((f) => (f.type === 'ack' || f.type === 'error') && f.id === id)));
    const acked = answers.filter((a) => a.type === 'ack').length;
    const limited = answers.filter((a) => a.code === 'rate_limited');
    expect(acked).toBe(10);
    expect(limited).toHaveLength(4);
    expect(limited[0]!.message).toMatch(/wait \d+ s/);
    const conversationId = (answers.find((a) => a.type === 'ack') as unknown as { conversationId: string }).conversationId;
    const stored = (await server.store.messages.after(conversationId, 0, 100, true)).filter((m) => m.author === 'visitor');
    expect(stored).toHaveLength(10);
    socket.close();
  });

  it('refuses a burst of new connections from one address with a close code the widget backs off on', async () => {
    const sockets: TestSocket[] = [];
    let refused: TestSocket | undefined;
    for (let i = 0; i < 30 && !refused; i++) {
      const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
      await new Promise((r) => setTimeout(r, 10));
      if (s.closed?.code === CLOSE.rateLimited) refused = s;
      else sockets.push(s);
    }
    expect(refused?.frames[0]).toMatchObject({ type: 'error', code: 'rate_limited' });
    for (const s of sockets) s.close();
  });
});

describe('site origin allow-list and identity', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
    const site = (await server.store.sites.byKey('demo'))!;
    await server.store.sites.update(site.id, { allowedOrigins: ['https://shop.example'] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a visitor socket from an origin not on the list, with a clear reason', async () => {
    const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`, { origin: 'https://evil.example' });
    const closed = await s.waitClosed();
    expect(closed).toEqual({ code: CLOSE.forbiddenOrigin, reason: 'origin not allowed for this site' });
    const ok = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`, { origin: 'https://shop.example' });
    ok.send({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, context: pageContext() });
    await ok.type('visitor.welcome');
    ok.close();
  });

  it('marks a visitor verified only with the right userHash, and never lets a claim unlock history', async () => {
    const { createHmac } = await import('node:crypto');
    const site = (await server.store.sites.byKey('demo'))!;
    const open = async () => {
      const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`, { origin: 'https://shop.example' });
      s.send({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, context: pageContext() });
      const w = await s.type<{ visitorId: string }>('visitor.welcome');
      return { s, id: w.visitorId };
    };
    const claimed = await open();
    claimed.s.send({ type: 'visitor.identify', identity: { userId: 'user-7', userHash: 'f'.repeat(64), name: 'Mallory' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await server.store.visitors.byId(claimed.id)).toMatchObject({ userId: 'user-7', verified: false });

    const real = await open();
    const hash = createHmac('sha256', site.secret).update('user-7').digest('hex');
    real.s.send({ type: 'visitor.identify', identity: { userId: 'user-7', userHash: hash, name: 'Ana' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await server.store.visitors.byId(real.id)).toMatchObject({ userId: 'user-7', verified: true });
    expect(await server.store.visitors.verifiedSiblings(site.id, 'user-7')).toEqual([real.id]);
    const said = clientId();
    real.s.send({ type: 'visitor.send', id: said, text: 'I started this on my phone' });
    const ack = await real.s.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === said);

    // The same verified user on another device continues that conversation; the unverified claim saw nothing.
    const laptop = await open();
    laptop.s.send({ type: 'visitor.identify', identity: { userId: 'user-7', userHash: hash } });
    const resumed = await laptop.s.next<{ conversationId: string; messages: Array<{ text: string }> }>((f) => f.type === 'visitor.welcome' && f.conversationId !== null);
    expect(resumed.conversationId).toBe(ack.conversationId);
    expect(resumed.messages[0]?.text).toBe('I started this on my phone');
    expect(JSON.stringify(claimed.s.frames)).not.toContain('I started this on my phone');
    for (const x of [claimed, real, laptop]) x.s.close();
  });

  it('refuses unverified user ids when the site requires verification', async () => {
    const site = (await server.store.sites.byKey('demo'))!;
    await server.store.sites.update(site.id, { settings: { ...site.settings, requireVerification: true } });
    const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`, { origin: 'https://shop.example' });
    s.send({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, context: pageContext() });
    await s.type('visitor.welcome');
    s.send({ type: 'visitor.identify', identity: { userId: 'user-8' } });
    expect((await s.type<{ code: string }>('error')).code).toBe('forbidden');
    s.close();
    await server.store.sites.update(site.id, { settings: { ...site.settings, requireVerification: false } });
  });
});
