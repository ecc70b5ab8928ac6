import { afterEach, describe, expect, it } from 'vitest';
import { scratchPostgres, type ScratchStore } from '../../scripts/bench/stores';
import { requirePostgresInCi } from '../support/backends';
import { TestSocket } from '../support/ws-client';
import { freePort, signIn, startChatServer, type ServerProcess } from './support/harness';
import { TcpProxy } from './support/tcp-proxy';

requirePostgresInCi();

const databaseUrl = process.env.DATABASE_URL || null;
const QUERY_TIMEOUT_MS = 1_000;

/** Time a promise takes, with what it resolved to. */
async function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await p;
  return { value, ms: Date.now() - started };
}

// A frozen link is a PostgreSQL-only fault: PGlite runs in the process.
describe.skipIf(!databaseUrl)('PostgreSQL link freezes without a reset', () => {
  let server: ServerProcess | null = null;
  let store: ScratchStore | null = null;
  let proxy: TcpProxy | null = null;
  afterEach(async () => {
    proxy?.thaw();
    await server?.kill();
    await proxy?.close();
    await store?.dispose();
  });

  it('answers `unavailable` within a bounded time, then recovers when the link does', async () => {
    store = await scratchPostgres(databaseUrl!);
    const target = new URL(databaseUrl!);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startChatServer(store, await freePort(), { ...store.envVia(proxy.hostPort), DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS) });
    const cookie = await signIn(server.http);
    expect((await fetch(`${server.http}/api/auth/me`, { headers: { cookie } })).status).toBe(200);

    proxy.freeze();
    // Without timeouts these waited for the whole freeze (40 s seen); now: the statement timeout plus a margin.
    const requests = await Promise.all(Array.from({ length: 3 }, () => timed(fetch(`${server!.http}/api/auth/me`, { headers: { cookie } }).then(async (r) => ({ status: r.status, body: await r.json() })))));
    for (const r of requests) {
      expect(r.value).toEqual({ status: 503, body: { type: 'error', code: 'unavailable', message: 'the service is briefly unavailable; please retry' } });
      expect(r.ms).toBeLessThan(QUERY_TIMEOUT_MS + 6_000);
    }
    const socket = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
    const closed = await timed(socket.waitClosed(QUERY_TIMEOUT_MS + 8_000));
    expect(closed.value.code).toBe(1013);
    expect(socket.frames).toEqual([expect.objectContaining({ type: 'error', code: 'unavailable' })]);

    proxy.thaw();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await fetch(`${server.http}/api/auth/me`, { headers: { cookie } })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  }, 60_000);
});
