import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config';
import { backends } from './support/backends';
import { startServer, type RunningServer } from './support/server';

const login = (base: string, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`));

/** A reverse proxy on 127.0.0.1 that appends the peer address to X-Forwarded-For, as nginx and most load balancers do. */
async function appendingProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwarded } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('TRUST_PROXY', () => {
  it('refuses `true` at start, naming the alternatives', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY no longer accepts true .*number of proxies.*\(e\.g\. 1\).*addresses/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY must be false, a hop count or a list/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    const list = loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy;
    expect(typeof list === 'object' && list.has('10.1.2.3') && !list.has('11.0.0.1')).toBe(true);
  });

  const servers: RunningServer[] = [];
  const proxies: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const guessWithRotatingForwardedFor = async (base: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(base, 'agent@demo.test', `guess${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
    return statuses;
  };

  it('with a hop count, a client rotating X-Forwarded-For behind the proxy is still one address to the sign-in throttle', async () => {
    const server = await startServer(backends()[0]!, { TRUST_PROXY: '1' });
    servers.push(server);
    const proxy = await appendingProxy(server.http);
    proxies.push(proxy);
    expect(await guessWithRotatingForwardedFor(proxy.url)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  }, 60_000);

  it('with a proxy list, X-Forwarded-For from a peer that is not a listed proxy is ignored', async () => {
    const server = await startServer(backends()[0]!, { TRUST_PROXY: '10.0.0.0/8' });
    servers.push(server);
    expect(await guessWithRotatingForwardedFor(server.http)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  }, 60_000);
});

describe('sign-in throttling that strangers cannot turn into a lock-out', () => {
  let server: RunningServer;
  let adminDevice: string | undefined;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
  });
  afterAll(() => server.close());

  it('backs off per account and address: another account on the same address still signs in', async () => {
    for (let i = 0; i < 5; i++) expect((await login(server.http, 'admin@demo.test', `wrong${i}`)).status).toBe(401);
    const refused = await login(server.http, 'admin@demo.test', 'demo');
    expect(refused.status).toBe(429);
    // The first wait after the free failures is about a second, not a quarter of an hour.
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect((await login(server.http, 'agent@demo.test', 'demo')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_100));
    const admin = await login(server.http, 'admin@demo.test', 'demo');
    expect(admin.status).toBe(200);
    adminDevice = cookieOf(admin, 'chat_device');
  });

  it('40 failed sign-ins from the agent’s own address do not lock out the right password on a known device', async () => {
    const first = await login(server.http, 'agent@demo.test', 'demo');
    const device = cookieOf(first, 'chat_device');
    expect(device).toBeDefined();
    // Someone else behind the same address sprays passwords at many accounts, this one included.
    for (let i = 0; i < 40; i++) await login(server.http, i % 2 ? 'agent@demo.test' : `nobody${i}@demo.test`, `spray${i}`);
    const stranger = await login(server.http, 'agent@demo.test', 'demo');
    expect(stranger.status).toBe(429);
    const known = await login(server.http, 'agent@demo.test', 'demo', { cookie: device! });
    expect(known.status).toBe(200);
  });

  it('a device cookie is throttled on its own: typos on a known device back off too', async () => {
    expect(adminDevice).toBeDefined();
    for (let i = 0; i < 5; i++) expect((await login(server.http, 'admin@demo.test', `typo${i}`, { cookie: adminDevice! })).status).toBe(401);
    const refused = await login(server.http, 'admin@demo.test', 'demo', { cookie: adminDevice! });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('CSRF origin check', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
  });
  afterAll(() => server.close());

  it('compares scheme, host and port, not the host alone', async () => {
    const port = new URL(server.http).port;
    const logout = (origin: string) => fetch(`${server.http}/api/auth/logout`, { method: 'POST', headers: { origin } });
    expect((await logout(`http://127.0.0.1:${port}`)).status).toBe(204);
    for (const foreign of [`https://127.0.0.1:${port}`, `http://127.0.0.1:${Number(port) + 1}`, `http://localhost:${port}`, 'null', `ws://127.0.0.1:${port}`]) {
      const res = await logout(foreign);
      expect([foreign, res.status]).toEqual([foreign, 403]);
      expect((await res.json()).code).toBe('forbidden');
    }
  });
});
