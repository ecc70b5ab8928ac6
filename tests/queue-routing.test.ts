import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, signIn, startServer, visitor, type RunningServer } from './support/server';
import type { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };

async function escalatedVisitor(server: RunningServer) {
  const v = await visitor(server);
  const id = clientId();
  v.socket.send({ type: 'visitor.escalate', id });
  const ack = await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === id);
  return { ...v, conversationId: ack.conversationId };
}

/** Sends a frame with a fresh client id and waits for its ack. */
async function send(socket: TestSocket, frame: Record<string, unknown>): Promise<void> {
  const id = clientId();
  socket.send({ ...frame, id });
  await socket.next((f) => f.type === 'ack' && f.id === id);
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const backend of backends()) {
  describe(`queue and routing (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend, { AGENT_GRACE_SECONDS: '1' });
    });
    afterAll(async () => {
      await server.close();
    });

    it('auto-assigns to the least-loaded online agent and never over capacity', async () => {
      const site = (await server.store.sites.byKey('demo'))!;
      await server.store.sites.update(site.id, { settings: { ...site.settings, assignMode: 'auto' } });
      const alex = await agent(server, 'agent@demo.test');
      const sam = await agent(server, 'admin@demo.test');
      const chats = [];
      for (let i = 0; i < 7; i++) chats.push(await escalatedVisitor(server));
      const rows = await Promise.all(chats.map((c) => server.store.conversations.byId(c.conversationId)));
      const load = (id: string) => rows.filter((r) => r?.agentId === id && r.status === 'assigned').length;
      expect(load(alex.welcome.agent.id)).toBe(3);
      expect(load(sam.welcome.agent.id)).toBe(3);
      expect(rows.filter((r) => r?.status === 'queued')).toHaveLength(1);
      // Resolving one frees capacity, but the waiting chat is only auto-assigned on the next escalation or claim.
      for (const c of chats) c.socket.close();
      alex.socket.close();
      sam.socket.close();
      await server.store.sites.update(site.id, { settings: { ...site.settings, assignMode: 'pick' } });
      for (const r of rows) if (r?.status !== 'resolved') await server.store.conversations.setStatus(r!.id, { status: 'resolved' });
    });

    it('transfers to another agent with an internal note, and back to the queue', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const sam = await agent(server, 'admin@demo.test');
      const v = await escalatedVisitor(server);
      await send(alex.socket, { type: 'agent.claim', conversationId: v.conversationId });

      const t = clientId();
      alex.socket.send({ type: 'agent.transfer', id: t, conversationId: v.conversationId, toAgentId: sam.welcome.agent.id, note: 'billing question, over to you' });
      await alex.socket.next((f) => f.type === 'ack' && f.id === t);
      expect((await server.store.conversations.byId(v.conversationId))?.agentId).toBe(sam.welcome.agent.id);
      await sam.socket.next((f: Frame) => f.type === 'conversation.updated' && (f.conversation as { agentId: string }).agentId === sam.welcome.agent.id);
      const status = await v.socket.next<{ agentName: string }>((f) => f.type === 'status' && f.agentName === 'Sam Admin');
      expect(status.agentName).toBe('Sam Admin');
      expect(JSON.stringify(v.socket.frames)).not.toContain('billing question');

      const back = clientId();
      sam.socket.send({ type: 'agent.transfer', id: back, conversationId: v.conversationId, toAgentId: null });
      await sam.socket.next((f) => f.type === 'ack' && f.id === back);
      expect(await server.store.conversations.byId(v.conversationId)).toMatchObject({ status: 'queued', agentId: null });
      const events = (await server.store.events.forConversation(v.conversationId)).map((e) => e.type);
      expect(events).toEqual(expect.arrayContaining(['conversation.transferred', 'conversation.returned_to_queue']));
      for (const s of [v.socket, alex.socket, sam.socket]) s.close();
    });

    it('returns the chats of an agent who stays away past the grace period, and tells the visitor', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const v = await escalatedVisitor(server);
      await send(alex.socket, { type: 'agent.claim', conversationId: v.conversationId });
      alex.socket.drop();
      const back = await until(() => server.store.conversations.byId(v.conversationId), (c) => c?.status === 'queued', 8_000);
      expect(back?.agentId).toBeNull();
      await v.socket.next((f: Frame) => f.type === 'message' && (f.message as { system: { event: string } | null }).system?.event === 'returned_to_queue');
      const e = (await server.store.events.forConversation(v.conversationId)).find((x) => x.type === 'conversation.returned_to_queue');
      expect(e?.reason).toBe('agent_disconnected');
      v.socket.close();
    });

    it('keeps an agent who reconnects within the grace period on their chats', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const v = await escalatedVisitor(server);
      await send(alex.socket, { type: 'agent.claim', conversationId: v.conversationId });
      alex.socket.drop();
      const again = await agent(server, 'agent@demo.test');
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await server.store.conversations.byId(v.conversationId)).toMatchObject({ status: 'assigned', agentId: again.welcome.agent.id });
      again.socket.close();
      v.socket.close();
    });

    it('a message after a resolve, within the window, goes back to the agent who resolved it while they are online', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const v = await escalatedVisitor(server);
      await send(alex.socket, { type: 'agent.claim', conversationId: v.conversationId });
      await send(alex.socket, { type: 'agent.resolve', conversationId: v.conversationId });
      const again = clientId();
      v.socket.send({ type: 'visitor.send', id: again, text: 'One more thing about my order' });
      const ack = await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === again);
      expect(ack.conversationId).toBe(v.conversationId);
      expect(await server.store.conversations.byId(v.conversationId)).toMatchObject({ status: 'assigned', agentId: alex.welcome.agent.id });
      // The visitor is told who is back with them.
      await v.socket.next((f) => f.type === 'status' && f.status === 'assigned' && f.agentName === alex.welcome.agent.name);
      alex.socket.close();
      v.socket.close();
    });

    it('reopens into the queue when the agent who resolved it is away', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const sam = await agent(server, 'admin@demo.test');
      const v = await escalatedVisitor(server);
      await send(alex.socket, { type: 'agent.claim', conversationId: v.conversationId });
      await send(alex.socket, { type: 'agent.resolve', conversationId: v.conversationId });
      alex.socket.send({ type: 'agent.presence', status: 'away' });
      await until(() => server.store.agents.byId(alex.welcome.agent.id), (a) => a?.presence === 'away');
      const again = clientId();
      v.socket.send({ type: 'visitor.send', id: again, text: 'One more thing about my order' });
      await v.socket.next((f) => f.type === 'ack' && f.id === again);
      // Sam is online, so the chat is staffed: it waits in the queue for anyone rather than for Alex.
      expect(await server.store.conversations.byId(v.conversationId)).toMatchObject({ status: 'queued', agentId: null });
      alex.socket.close();
      sam.socket.close();
      v.socket.close();
    });
  });
}

describe('accounts and admin API', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
  });
  afterAll(async () => {
    await server.close();
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.http}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('rate-limits failed sign-ins, even when the right password finally comes', async () => {
    for (let i = 0; i < 5; i++) expect((await post('/api/auth/login', { email: 'agent@demo.test', password: `wrong${i}` })).status).toBe(401);
    const limited = await post('/api/auth/login', { email: 'agent@demo.test', password: 'demo' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await limited.json()).code).toBe('rate_limited');
  });

  it('lets only admins manage canned responses, and agents read them', async () => {
    const admin = await signIn(server, 'admin@demo.test');
    const created = await post('/api/canned', { shortcut: 'hello', text: 'Hi {visitor.name}, thanks for waiting!' }, { cookie: admin });
    expect(created.status).toBe(201);
    expect((await post('/api/canned', { shortcut: 'hello', text: 'dup' }, { cookie: admin })).status).toBe(409);
    expect((await post('/api/canned', { shortcut: 'bad shortcut!', text: 'x' }, { cookie: admin })).status).toBe(400);
    const list = await fetch(`${server.http}/api/canned`, { headers: { cookie: admin } });
    // Demo mode seeds a few replies of its own; the one created here is listed with them.
    expect((await list.json()).items).toContainEqual(expect.objectContaining({ shortcut: 'hello', text: 'Hi {visitor.name}, thanks for waiting!' }));
    expect((await fetch(`${server.http}/api/canned`)).status).toBe(401);
  });

  it('refuses state changes from another origin', async () => {
    const admin = await signIn(server, 'admin@demo.test');
    const res = await post('/api/canned', { shortcut: 'evil', text: 'x' }, { cookie: admin, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await fetch(`${server.http}/api/canned`, { headers: { cookie: admin } }).then((r) => r.json())).items.some((c: { shortcut: string }) => c.shortcut === 'evil')).toBe(false);
  });

  it('ends the sessions of a disabled agent', async () => {
    const admin = await signIn(server, 'admin@demo.test');
    const created = await post('/api/admin/agents', { email: 'temp@demo.test', name: 'Temp', role: 'agent', password: 'longenough' }, { cookie: admin });
    expect(created.status).toBe(201);
    const temp = await signIn(server, 'temp@demo.test', 'longenough');
    expect((await fetch(`${server.http}/api/auth/me`, { headers: { cookie: temp } })).status).toBe(200);
    expect((await fetch(`${server.http}/api/admin/agents`, { headers: { cookie: temp } })).status).toBe(403);
    const { id } = await created.json();
    const patch = await fetch(`${server.http}/api/admin/agents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify({ disabled: true }) });
    expect(patch.status).toBe(200);
    expect((await fetch(`${server.http}/api/auth/me`, { headers: { cookie: temp } })).status).toBe(401);
  });
});

describe('business hours', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
  });
  afterAll(async () => {
    await server.close();
  });

  it('outside business hours, tells the visitor no one is available and takes a message, even with agents online', async () => {
    const site = (await server.store.sites.byKey('demo'))!;
    // Open one minute a week, at a time that is not now.
    const now = new Date();
    const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(now.getUTCDay() + 3) % 7]!;
    await server.store.sites.update(site.id, { settings: { ...site.settings, businessHours: { timeZone: 'UTC', days: { [day]: [['03:00', '03:01']] } } } });
    const alex = await agent(server, 'agent@demo.test');
    const v = await visitor(server);
    expect(v.welcome.agentsOnline).toBe(false);
    const id = clientId();
    v.socket.send({ type: 'visitor.escalate', id });
    const ack = await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === id);
    expect((await server.store.conversations.byId(ack.conversationId))?.status).toBe('offline');

    await server.store.sites.update(site.id, { settings: { ...site.settings, businessHours: null } });
    const open = await visitor(server);
    expect(open.welcome.agentsOnline).toBe(true);
    for (const s of [alex.socket, v.socket, open.socket]) s.close();
  });
});
