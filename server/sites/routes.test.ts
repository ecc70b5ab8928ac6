import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../../tests/support/backends';
import { DEMO_KB } from '../../tests/support/server';
import { buildApp } from '../app';
import { createBot } from '../bot/index';
import { loadConfig } from '../config';
import type { Store } from '../store/store';

requirePostgresInCi();

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const SNIPPET = /^<script src="http:\/\/chat\.test\/widget\.js" data-site="[0-9a-f]{16}" async><\/script>$/;

for (const backend of backends()) {
  describe(`/api/admin/sites (${backend.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let admin: string;
    let agent: string;
    let demoId: string;

    const call = (method: Method, url: string, payload?: unknown, cookie = admin) =>
      app.inject({ method, url, headers: { cookie, host: 'chat.test' }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const login = async (email: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo' } });
      return String(res.headers['set-cookie']).split(';')[0]!;
    };
    const snapshot = async () => JSON.stringify(await store.sites.all());

    beforeAll(async () => {
      store = await backend.open();
      const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
      app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false });
      admin = await login('admin@demo.test');
      agent = await login('agent@demo.test');
      demoId = (await store.sites.byKey('demo'))!.id;
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    it('lets only admins in: 401 without a session, 403 for an agent, and changes nothing', async () => {
      const before = await snapshot();
      const routes: Array<[Method, string, unknown?]> = [
        ['GET', '/api/admin/sites'],
        ['POST', '/api/admin/sites', { name: 'Sneaky' }],
        ['PATCH', `/api/admin/sites/${demoId}`, { name: 'Sneaky' }],
        ['DELETE', `/api/admin/sites/${demoId}?confirm=demo`],
        ['GET', `/api/admin/sites/${demoId}/secret`],
        ['POST', `/api/admin/sites/${demoId}/secret/rotate`, {}],
      ];
      for (const [method, url, body] of routes) {
        const anonymous = await call(method, url, body, '');
        expect([method, url, anonymous.statusCode, anonymous.json().code]).toEqual([method, url, 401, 'unauthorized']);
        const asAgent = await call(method, url, body, agent);
        expect([method, url, asAgent.statusCode, asAgent.json()]).toEqual([method, url, 403, { type: 'error', code: 'forbidden', message: 'admins only' }]);
      }
      expect(await snapshot()).toBe(before);
    });

    it('lists sites with their snippet and never their secret', async () => {
      const res = await call('GET', '/api/admin/sites');
      expect(res.statusCode).toBe(200);
      const demo = res.json().sites.find((s: { key: string }) => s.key === 'demo');
      expect(Object.keys(demo).sort()).toEqual(['allowedOrigins', 'createdAt', 'disabled', 'id', 'key', 'name', 'settings', 'snippet']);
      expect(demo.snippet).toBe('<script src="http://chat.test/widget.js" data-site="demo" async></script>');
      expect(demo.disabled).toBe(false);
      expect(new Date(demo.createdAt).toISOString()).toBe(demo.createdAt);
      const secret = (await store.sites.byKey('demo'))!.secret;
      expect(res.body).not.toContain(secret);
    });

    it('creates a site with a fresh key, normalised origins and a ready snippet', async () => {
      const res = await call('POST', '/api/admin/sites', { name: '  Shop  ', allowedOrigins: ['https://Shop.Example.com/', 'https://shop.example.com', 'http://localhost:8080'] });
      expect(res.statusCode).toBe(201);
      const site = res.json();
      expect(site).toMatchObject({ name: 'Shop', disabled: false, allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'] });
      expect(site.key).toMatch(/^[0-9a-f]{16}$/);
      expect(site.snippet).toMatch(SNIPPET);
      expect(site.settings.assignMode).toBe('pick');
      expect(site.secret).toBeUndefined();
      expect((await store.sites.byKey(site.key))!.secret).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses bad new sites with a message naming the field, and creates nothing', async () => {
      const before = await snapshot();
      const cases: Array<[unknown, string]> = [
        [{}, 'name: Invalid input: expected string, received undefined'],
        [{ name: '   ' }, 'name: must not be empty'],
        [{ name: 'x'.repeat(121) }, 'name: Too big: expected string to have <=120 characters'],
        [{ name: 'Shop', allowedOrigins: ['shop.example.com'] }, 'allowedOrigins.0: must be an origin such as https://shop.example.com (http or https, host, optional port, no path)'],
        [{ name: 'Shop', allowedOrigins: ['https://shop.example.com/cart'] }, 'allowedOrigins.0: must be an origin such as https://shop.example.com (http or https, host, optional port, no path)'],
        [{ name: 'Shop', allowedOrigins: ['javascript:alert(1)'] }, 'allowedOrigins.0: must be an origin such as https://shop.example.com (http or https, host, optional port, no path)'],
        [{ name: 'Shop', allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example.com`) }, 'allowedOrigins: at most 50 origins per site'],
        [{ name: 'Shop', secret: 'chosen' }, 'body: Unrecognized key: "secret"'],
      ];
      for (const [body, message] of cases) {
        const res = await call('POST', '/api/admin/sites', body);
        expect([JSON.stringify(body).slice(0, 60), res.statusCode, res.json()]).toEqual([JSON.stringify(body).slice(0, 60), 400, { type: 'error', code: 'bad_request', message }]);
      }
      expect(await snapshot()).toBe(before);
    });

    it('changes only what a patch names, settings included', async () => {
      const site = (await call('POST', '/api/admin/sites', { name: 'Patch me' })).json();
      await call('PATCH', `/api/admin/sites/${site.id}`, { settings: { color: '#112233', greeting: 'Hi!' } });
      const res = await call('PATCH', `/api/admin/sites/${site.id}`, { name: 'Patched', settings: { position: 'left' }, allowedOrigins: ['https://a.example'] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Patched', allowedOrigins: ['https://a.example'], settings: { color: '#112233', greeting: 'Hi!', position: 'left' } });
      const off = await call('PATCH', `/api/admin/sites/${site.id}`, { disabled: true });
      expect(off.json()).toMatchObject({ disabled: true, name: 'Patched', settings: { color: '#112233' } });
      expect((await store.sites.byId(site.id))!.disabled).toBe(true);
    });

    it('refuses bad patches with a clear error and leaves the site as it was', async () => {
      const site = (await call('POST', '/api/admin/sites', { name: 'Keep me', allowedOrigins: ['https://keep.example'] })).json();
      const before = await snapshot();
      const cases: Array<[unknown, string]> = [
        [{ name: '' }, 'name: must not be empty'],
        [{ disabled: 'yes' }, 'disabled: Invalid input: expected boolean, received string'],
        [{ allowedOrigins: 'https://keep.example' }, 'allowedOrigins: Invalid input: expected array, received string'],
        [{ settings: { color: 'red' } }, 'settings.color: Invalid string: must match pattern /^#[0-9a-fA-F]{6}$/'],
        [{ settings: { colour: '#112233' } }, 'settings: Unrecognized key: "colour"'],
        [{ name: 'Fine', settings: { assignMode: 'random' } }, 'settings.assignMode: Invalid option: expected one of "pick"|"auto"'],
        [{ key: 'mine' }, 'body: Unrecognized key: "key"'],
      ];
      for (const [body, message] of cases) {
        const res = await call('PATCH', `/api/admin/sites/${site.id}`, body);
        expect([JSON.stringify(body), res.statusCode, res.json()]).toEqual([JSON.stringify(body), 400, { type: 'error', code: 'bad_request', message }]);
      }
      expect(await snapshot()).toBe(before);
      const missing = await call('PATCH', '/api/admin/sites/no-such-site', { name: 'Ghost' });
      expect([missing.statusCode, missing.json().code]).toEqual([404, 'not_found']);
    });

    it('deletes a site with its history only when confirmed with its key', async () => {
      const site = (await call('POST', '/api/admin/sites', { name: 'Doomed' })).json();
      const visitor = await store.visitors.create(site.id, null);
      const conversation = await store.conversations.create({ siteId: site.id, visitorId: visitor.id, context: null });
      await store.messages.insert({ conversationId: conversation.id, id: 'm1', author: 'visitor', authorId: visitor.id, authorName: null, kind: 'text', text: 'hello', bot: null, system: null });
      await store.events.record({ siteId: site.id, conversationId: conversation.id, type: 'conversation.started', actorType: 'visitor', actorId: visitor.id, data: { url: null } });

      const unconfirmed = await call('DELETE', `/api/admin/sites/${site.id}`);
      expect(unconfirmed.statusCode).toBe(409);
      expect(unconfirmed.json()).toEqual({
        type: 'error',
        code: 'invalid_state',
        message: `deleting site "Doomed" erases it with its 1 conversation, visitors and events for good; confirm with the site key (${site.key}), or disable the site to keep its history`,
      });
      expect((await call('DELETE', `/api/admin/sites/${site.id}?confirm=demo`)).statusCode).toBe(409);
      expect(await store.conversations.byId(conversation.id)).toBeDefined();

      const done = await call('DELETE', `/api/admin/sites/${site.id}?confirm=${site.key}`);
      expect(done.statusCode).toBe(204);
      expect(await store.sites.byId(site.id)).toBeUndefined();
      expect(await store.conversations.byId(conversation.id)).toBeUndefined();
      expect(await store.visitors.byId(visitor.id)).toBeUndefined();
      expect((await call('DELETE', `/api/admin/sites/${site.id}?confirm=${site.key}`)).statusCode).toBe(404);
      expect((await call('GET', '/api/admin/sites')).json().sites.map((s: { id: string }) => s.id)).not.toContain(site.id);
    });

    it('shows the secret on demand, uncached', async () => {
      const res = await call('GET', `/api/admin/sites/${demoId}/secret`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({ secret: (await store.sites.byId(demoId))!.secret, previousSecretExpiresAt: null });
      expect((await call('GET', '/api/admin/sites/nope/secret')).statusCode).toBe(404);
    });

    it('rotates the secret, keeping the old one for the grace period asked (24 h by default)', async () => {
      const site = (await call('POST', '/api/admin/sites', { name: 'Rotating' })).json();
      const old = (await store.sites.byId(site.id))!.secret;
      const before = Date.now();
      const res = await call('POST', `/api/admin/sites/${site.id}/secret/rotate`, {});
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.secret).toMatch(/^[0-9a-f]{64}$/);
      expect(body.secret).not.toBe(old);
      const expires = Date.parse(body.previousSecretExpiresAt);
      expect(expires - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1_000);
      expect(expires - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
      const stored = (await store.sites.byId(site.id))!;
      expect([stored.secret, stored.previousSecret]).toEqual([body.secret, old]);
      expect((await call('GET', `/api/admin/sites/${site.id}/secret`)).json()).toEqual(body);

      const now = await call('POST', `/api/admin/sites/${site.id}/secret/rotate`, { graceHours: 0 });
      expect(now.json().previousSecretExpiresAt).toBeNull();
      expect((await store.sites.byId(site.id))!.previousSecret).toBeNull();
    });

    it('refuses bad rotations and keeps the secret', async () => {
      const before = await snapshot();
      const cases: Array<[unknown, string]> = [
        [{ graceHours: -1 }, 'graceHours: Too small: expected number to be >=0'],
        [{ graceHours: 721 }, 'graceHours: Too big: expected number to be <=720'],
        [{ graceHours: '24' }, 'graceHours: Invalid input: expected number, received string'],
        [{ grace: 24 }, 'body: Unrecognized key: "grace"'],
      ];
      for (const [body, message] of cases) {
        const res = await call('POST', `/api/admin/sites/${demoId}/secret/rotate`, body);
        expect([JSON.stringify(body), res.statusCode, res.json()]).toEqual([JSON.stringify(body), 400, { type: 'error', code: 'bad_request', message }]);
      }
      expect(await snapshot()).toBe(before);
      expect((await call('POST', '/api/admin/sites/nope/secret/rotate', {})).statusCode).toBe(404);
    });

    it('refuses state changes from another origin (CSRF)', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/admin/sites', headers: { cookie: admin, host: 'chat.test', origin: 'https://evil.example' }, payload: { name: 'CSRF' } });
      expect(res.statusCode).toBe(403);
      expect((await store.sites.all()).map((s) => s.name)).not.toContain('CSRF');
    });

    it('uses PUBLIC_URL in snippets when it is set', async () => {
      const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
      const other = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn', PUBLIC_URL: 'https://chat.example.com/' }), demo: true }, { store, bot, logger: false });
      try {
        const res = await other.inject({ method: 'GET', url: '/api/admin/sites', headers: { cookie: admin, host: 'internal:3000' } });
        const demo = res.json().sites.find((s: { key: string }) => s.key === 'demo');
        expect(demo.snippet).toBe('<script src="https://chat.example.com/widget.js" data-site="demo" async></script>');
      } finally {
        await other.close();
      }
    });
  });
}
