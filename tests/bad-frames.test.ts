import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits';
import { backends } from './support/backends';
import { clientId, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

const [pglite] = backends();

describe('bad input over a real socket', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(pglite!);
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['not JSON', '{nope', 'bad_frame'],
    ['an array', '[1,2]', 'bad_frame'],
    ['an unknown type', JSON.stringify({ type: 'visitor.hack', id: 'abcdefgh' }), 'unknown_type'],
    ['a missing id', JSON.stringify({ type: 'visitor.send', text: 'hi' }), 'bad_frame'],
    ['a wrongly typed field', JSON.stringify({ type: 'visitor.send', id: 'abcdefgh12', text: 42 }), 'bad_frame'],
    ['an empty text', JSON.stringify({ type: 'visitor.send', id: 'abcdefgh12', text: '   ' }), 'bad_frame'],
    ['a text over the limit', JSON.stringify({ type: 'visitor.send', id: 'abcdefgh12', text: 'x'.repeat(LIMITS.messageText + 1) }), 'text_too_long'],
    ['a frame over the size limit', JSON.stringify({ type: 'visitor.send', id: 'abcdefgh12', text: 'x'.repeat(LIMITS.frameBytes) }), 'frame_too_large'],
  ])('answers %s with a typed error, changes nothing and keeps the connection', async (_name, raw, code) => {
    const { socket } = await visitor(server);
    const before = socket.frames.length;
    socket.send(raw);
    const error = await socket.next<{ code: string; message: string }>((f) => f.type === 'error', 3_000, before);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
    const id = clientId();
    socket.send({ type: 'visitor.send', id, text: 'still here?' });
    const ack = await socket.next<{ seq: number }>((f) => f.type === 'ack' && f.id === id);
    expect(ack.seq).toBe(1);
    socket.close();
  });

  it('closes the connection on a flood of bad frames', async () => {
    const { socket } = await visitor(server);
    for (let i = 0; i <= LIMITS.badFrames + 1; i++) socket.send('garbage');
    expect((await socket.waitClosed()).code).toBe(1008);
  });

  it('refuses frames before hello and unknown sites', async () => {
    const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
    s.send({ type: 'visitor.send', id: clientId(), text: 'hi' });
    expect((await s.type<{ code: string }>('error')).code).toBe('bad_request');
    s.close();
    const unknown = await TestSocket.open(`${server.ws}/ws/visitor?site=nope`);
    expect((await unknown.waitClosed()).code).toBe(4003);
  });

  it('refuses a client speaking another protocol version', async () => {
    const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
    s.send({ type: 'visitor.hello', protocol: 99, token: null, lastSeq: 0, context: { url: 'https://x.test/', title: 'x' } });
    expect((await s.waitClosed()).code).toBe(4002);
  });

  it('answers REST bad input with typed errors and no internals', async () => {
    const res = await fetch(`${server.http}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": 5}' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ type: 'error', code: 'bad_request' });
    const broken = await fetch(`${server.http}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
