import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends';
import { pageContext, signIn, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

/** Visitor tokens expire when unused and can be revoked, by the visitor's browser or an admin. */
describe('visitor token lifetime and revocation', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!, { VISITOR_TOKEN_TTL_DAYS: '30' });
  });
  afterAll(() => server.close());

  /** A hello with `token`: the welcome, or the close code when it is refused. */
  const helloWith = async (token: string) => {
    const socket = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
    socket.send({ type: 'visitor.hello', protocol: 1, token, lastSeq: 0, conversationId: null, context: pageContext(), locale: 'en' });
    const welcome = await socket.type<{ visitorId: string }>('visitor.welcome').catch(() => null);
    const outcome = welcome ? { welcome: welcome.visitorId } : { closed: (await socket.waitClosed()).code };
    socket.close();
    return outcome;
  };
  /** Waits until the server has handled the visitor's sockets closing: leaving the page also counts as being seen. */
  const gone = async (id: string) => {
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const [row] = await server.store.db.query<{ n: string | number }>('SELECT count(*) AS n FROM visitor_connections WHERE visitor_id = $1', [id]);
      if (Number(row?.n) === 0) return;
    }
    throw new Error('the server never saw the visitor leave');
  };
  const ageVisitor = async (id: string, days: number) => {
    await gone(id);
    await server.store.db.query(`UPDATE visitors SET last_seen_at = now() - ($2 * interval '1 day') WHERE id = $1`, [id, days]);
  };

  it('a token unused for longer than VISITOR_TOKEN_TTL_DAYS is refused; each use renews it', async () => {
    const { socket, welcome } = await visitor(server);
    socket.close();
    await ageVisitor(welcome.visitorId, 29);
    expect(await helloWith(welcome.token)).toEqual({ welcome: welcome.visitorId });
    // That hello renewed it: 29 more days are fine again, 31 are not.
    await ageVisitor(welcome.visitorId, 29);
    expect(await helloWith(welcome.token)).toEqual({ welcome: welcome.visitorId });
    await ageVisitor(welcome.visitorId, 31);
    expect(await helloWith(welcome.token)).toEqual({ closed: 4001 });
  });

  it("the widget's shutdown beacon (text/plain, from the host page's origin) revokes the token", async () => {
    const { socket, welcome } = await visitor(server);
    socket.close();
    const beacon = (token: string) => fetch(`${server.http}/api/visitor/revoke`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' }, body: token });
    expect((await beacon(`${welcome.token.split('.')[0]}.forged`)).status).toBe(401);
    expect(await helloWith(welcome.token)).toEqual({ welcome: welcome.visitorId });
    expect((await beacon(welcome.token)).status).toBe(204);
    expect(await helloWith(welcome.token)).toEqual({ closed: 4001 });
    // A revoked token cannot be used to revoke again, and the browser simply starts as a new visitor.
    expect((await beacon(welcome.token)).status).toBe(401);
    const json = await fetch(`${server.http}/api/visitor/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'x\u0000' }) });
    expect(json.status).toBe(400);
    const fresh = await visitor(server);
    expect(fresh.welcome.visitorId).not.toBe(welcome.visitorId);
    fresh.socket.close();
  });

  it('an admin can revoke a visitor’s tokens; an agent cannot', async () => {
    const { socket, welcome } = await visitor(server);
    socket.close();
    const revoke = (cookie: string) => fetch(`${server.http}/api/admin/visitors/${welcome.visitorId}/revoke-tokens`, { method: 'POST', headers: { cookie } });
    expect((await revoke(await signIn(server, 'agent@demo.test'))).status).toBe(403);
    expect(await helloWith(welcome.token)).toEqual({ welcome: welcome.visitorId });
    expect((await revoke(await signIn(server, 'admin@demo.test'))).status).toBe(204);
    expect(await helloWith(welcome.token)).toEqual({ closed: 4001 });
  });
});
