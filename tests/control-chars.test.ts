import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends';
import { clientId, pageContext, signIn, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

/** NUL and other control characters: refused at the schema with a typed error, never a 500 or a dead socket. */
describe('control characters in text from outside', () => {
  let server: RunningServer;
  let admin: string;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
    admin = await signIn(server, 'admin@demo.test');
  });
  afterAll(() => server.close());

  it('a hello with a NUL in the page title gets a clear error, and a clean hello on the same socket connects', async () => {
    const socket = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
    const hello = { type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, conversationId: null, locale: 'en' };
    socket.send({ ...hello, context: { ...pageContext(), title: 'Shop\u0000 home' } });
    const error = await socket.type<{ code: string; message: string }>('error');
    expect(error.code).toBe('bad_frame');
    expect(error.message).toMatch(/context\.title.*control characters/);
    socket.send({ ...hello, context: pageContext() });
    expect(await socket.type('visitor.welcome')).toMatchObject({ type: 'visitor.welcome' });
    socket.close();
  });

  it('a message with NUL, ESC or DEL is refused and not stored; tabs and line breaks are kept', async () => {
    const { socket } = await visitor(server);
    for (const text of ['hi\u0000there', 'colour \u001b[31mred', 'del\u007f', 'c1\u0085']) {
      const id = clientId();
      socket.send({ type: 'visitor.send', id, text });
      const error = await socket.next<{ code: string; message: string }>((f) => f.type === 'error' && f.id === id);
      expect(error.code).toBe('bad_frame');
    }
    const id = clientId();
    socket.send({ type: 'visitor.send', id, text: 'line one\nline two\r\n\tindented' });
    const ack = await socket.next<{ conversationId: string; seq: number }>((f) => f.type === 'ack' && f.id === id);
    const [stored] = await server.store.db.query<{ text: string }>('SELECT text FROM messages WHERE conversation_id = $1 AND author = $2', [ack.conversationId, 'visitor']);
    expect(stored?.text).toBe('line one\nline two\r\n\tindented');
    socket.close();
  });

  it('identify with a NUL in the name or an attribute is refused with a typed error', async () => {
    const { socket } = await visitor(server);
    socket.send({ type: 'visitor.identify', identity: { name: 'Ann\u0000' } });
    expect(await socket.type('error')).toMatchObject({ code: 'bad_frame' });
    socket.send({ type: 'visitor.identify', identity: { attributes: { 'plan\u0000': 'pro' } } });
    expect(await socket.next((f) => f.type === 'error' && String(f.message).includes('attributes'))).toMatchObject({ code: 'bad_frame' });
    socket.close();
  });

  it('REST bodies and query strings with NUL get 400 bad_request, not 500', async () => {
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${server.http}${path}`, { method, headers: { cookie: admin, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const cases: Array<[string, string, unknown?]> = [
      ['POST', '/api/canned', { shortcut: 'nul', text: 'Hello\u0000' }],
      ['POST', '/api/ops/webhooks', { site: 'demo', url: 'https://hooks.example/x', events: ['conversation.started'], description: 'desc\u0000' }],
      ['POST', '/api/ops/webhooks', { site: 'de\u0000mo', url: 'https://hooks.example/x', events: ['conversation.started'] }],
      ['GET', '/api/ops/webhooks?site=de%00mo'],
      ['GET', '/api/ops/summary?site=de%00mo'],
      ['GET', '/api/ops/summary?tz=Europe%00'],
      ['POST', '/api/admin/agents', { email: 'new@demo.test', name: 'New\u0000', password: 'long enough' }],
    ];
    for (const [method, path, body] of cases) {
      const res = await send(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 400]);
      expect((await res.json()).code).toBe('bad_request');
    }
    const multiline = await send('POST', '/api/canned', { shortcut: 'lines', text: 'Hello,\n\tthanks for waiting.' });
    expect(multiline.status).toBe(201);
  });

  it('a socket for a site key with NUL is refused as an unknown site', async () => {
    const socket = await TestSocket.open(`${server.ws}/ws/visitor?site=de%00mo`);
    expect(await socket.waitClosed()).toMatchObject({ code: 4003, reason: 'unknown site key' });
  });
});
