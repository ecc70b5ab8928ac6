import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../shared/limits';
import { backends, requirePostgresInCi } from './support/backends';
import { clientId, pageContext, signIn, startServer, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

requirePostgresInCi();

const ORIGIN = 'https://shop.example';

for (const backend of backends()) {
  describe(`a site's life over real sockets (${backend.name})`, () => {
    let server: RunningServer;
    let admin: string;

    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.http}${path}`, {
        method,
        headers: { cookie: admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    };
    const newSite = async (name: string) => (await api('POST', '/api/admin/sites', { name, allowedOrigins: [ORIGIN] })).body as { id: string; key: string };
    const count = async (table: 'visitors' | 'conversations', siteId: string) =>
      Number((await server.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE site_id = $1`, [siteId]))[0]!.n);
    const hello = (key: string) => TestSocket.open(`${server.ws}/ws/visitor?site=${key}`, { origin: ORIGIN });
    const welcomed = async (key: string) => {
      const socket = await hello(key);
      socket.send({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, conversationId: null, context: pageContext(), locale: 'en' });
      const welcome = await socket.type<{ visitorId: string }>('visitor.welcome');
      return { socket, visitorId: welcome.visitorId };
    };
    /** identify is not acknowledged; the stored visitor says whether the hash verified. */
    const verifiedWith = async (key: string, userId: string, secret: string) => {
      const { socket, visitorId } = await welcomed(key);
      socket.send({ type: 'visitor.identify', identity: { userId, userHash: createHmac('sha256', secret).update(userId).digest('hex') } });
      for (let i = 0; i < 50; i++) {
        const v = await server.store.visitors.byId(visitorId);
        if (v?.userId === userId) {
          socket.close();
          return v.verified;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('identify was not stored');
    };

    beforeAll(async () => {
      server = await startServer(backend);
      admin = await signIn(server, 'admin@demo.test');
    });
    afterAll(() => server.close());

    it('refuses the widget of a disabled site with site_disabled, and stores nothing', async () => {
      const site = await newSite('Closed shop');
      expect((await api('PATCH', `/api/admin/sites/${site.id}`, { disabled: true })).status).toBe(200);
      const socket = await hello(site.key);
      const closed = await socket.waitClosed();
      expect(closed).toEqual({ code: CLOSE.forbiddenOrigin, reason: 'site disabled' });
      expect(socket.frames).toEqual([{ type: 'error', code: 'site_disabled', message: 'chat is switched off for this site' }]);
      expect(await count('visitors', site.id)).toBe(0);

      await api('PATCH', `/api/admin/sites/${site.id}`, { disabled: false });
      const again = await welcomed(site.key);
      expect(await count('visitors', site.id)).toBe(1);
      again.socket.close();
    });

    it('stops visitors already chatting when their site is disabled or deleted', async () => {
      for (const end of ['disable', 'delete'] as const) {
        const site = await newSite(`Shop to ${end}`);
        const { socket } = await welcomed(site.key);
        const said = clientId();
        socket.send({ type: 'visitor.send', id: said, text: 'hello' });
        await socket.next((f) => f.type === 'ack' && f.id === said);

        if (end === 'disable') await api('PATCH', `/api/admin/sites/${site.id}`, { disabled: true });
        else expect((await api('DELETE', `/api/admin/sites/${site.id}?confirm=${site.key}`)).status).toBe(204);
        expect(await socket.waitClosed()).toEqual({ code: CLOSE.forbiddenOrigin, reason: 'site disabled' });
        expect(socket.frames.at(-1)).toEqual({ type: 'error', code: 'site_disabled', message: 'chat is switched off for this site' });
        expect(await count('conversations', site.id)).toBe(end === 'disable' ? 1 : 0);
      }
    });

    it('keeps other sites chatting when one is disabled', async () => {
      const kept = await newSite('Kept');
      const closed = await newSite('Closed');
      const { socket } = await welcomed(kept.key);
      await api('PATCH', `/api/admin/sites/${closed.id}`, { disabled: true });
      const said = clientId();
      socket.send({ type: 'visitor.send', id: said, text: 'still here' });
      await socket.next((f) => f.type === 'ack' && f.id === said);
      expect(socket.closed).toBeNull();
      socket.close();
    });

    it('verifies userHash made with the old secret during the grace period only', async () => {
      const site = await newSite('Rotating');
      const first = ((await api('GET', `/api/admin/sites/${site.id}/secret`)).body as { secret: string }).secret;
      expect(await verifiedWith(site.key, 'u-1', first)).toBe(true);

      const second = (await api('POST', `/api/admin/sites/${site.id}/secret/rotate`, { graceHours: 1 })).body as { secret: string; previousSecretExpiresAt: string };
      expect(await verifiedWith(site.key, 'u-2', first)).toBe(true);
      expect(await verifiedWith(site.key, 'u-3', second.secret)).toBe(true);

      const third = (await api('POST', `/api/admin/sites/${site.id}/secret/rotate`, { graceHours: 0 })).body as { secret: string; previousSecretExpiresAt: null };
      expect(third.previousSecretExpiresAt).toBeNull();
      expect(await verifiedWith(site.key, 'u-4', first)).toBe(false);
      expect(await verifiedWith(site.key, 'u-5', second.secret)).toBe(false);
      expect(await verifiedWith(site.key, 'u-6', third.secret)).toBe(true);
    });
  });
}
