// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { welcome } from '../protocol/fixtures';
import { backoffDelay } from './backoff';
import { Connection, type ConnectionEvents } from './connection';
import { socketFactory } from './fake-socket';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const sockets = socketFactory();
  const log: string[] = [];
  const events: ConnectionEvents = {
    hello: () => ({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, context: { url: 'u', title: 't', referrer: '', language: '', timeZone: '', userAgent: '' } }),
    frame: (f) => log.push(f.type),
    ready: () => log.push('ready'),
    down: () => log.push('down'),
    tokenRejected: () => log.push('tokenRejected'),
    stopped: (r) => log.push(`stopped:${r}`),
  };
  const conn = new Connection({ url: 'ws://x/ws/visitor?site=demo', events, createSocket: sockets.create, random: () => 1, heartbeatMs: 1000 });
  return { conn, sockets, log };
}

describe('Connection', () => {
  it('says hello first and is ready only after the welcome', () => {
    const { conn, sockets, log } = setup();
    conn.start();
    expect(conn.send({ type: 'visitor.typing', typing: true })).toBe(false);
    sockets.last().open();
    expect(sockets.last().sent[0]?.type).toBe('visitor.hello');
    sockets.last().push(welcome());
    expect(log).toEqual(['visitor.welcome', 'ready']);
    expect(conn.send({ type: 'visitor.typing', typing: true })).toBe(true);
  });

  it('reconnects after a drop, waiting longer each time', () => {
    const { conn, sockets } = setup();
    conn.start();
    sockets.last().drop();
    vi.advanceTimersByTime(499);
    expect(sockets.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.sockets).toHaveLength(2);
    sockets.last().drop();
    vi.advanceTimersByTime(999);
    expect(sockets.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets.sockets).toHaveLength(3);
  });

  it('declares a silent socket dead after two unanswered pings and reconnects', () => {
    const { conn, sockets, log } = setup();
    conn.start();
    const first = sockets.last();
    first.open();
    first.push(welcome());
    vi.advanceTimersByTime(2000);
    expect(first.sentOf('ping')).toHaveLength(2);
    expect(first.closedWith).toBeNull();
    vi.advanceTimersByTime(1000);
    expect(first.closedWith).toBe(4000);
    expect(log).toContain('down');
    vi.advanceTimersByTime(500);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('keeps a socket that answers its pings', () => {
    const { conn, sockets } = setup();
    conn.start();
    const s = sockets.last();
    s.open();
    s.push(welcome());
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1000);
      s.push({ type: 'pong' });
    }
    expect(s.closedWith).toBeNull();
  });

  it('stops for good on protocol-version and origin refusals', () => {
    for (const [code, reason] of [[4002, 'reload'], [4003, 'forbidden']] as const) {
      const { conn, sockets, log } = setup();
      conn.start();
      sockets.last().drop(code);
      vi.advanceTimersByTime(60_000);
      expect(sockets.sockets).toHaveLength(1);
      expect(log).toContain(`stopped:${reason}`);
    }
  });

  it('reports a refused token and reconnects without waiting long', () => {
    const { conn, sockets, log } = setup();
    conn.start();
    sockets.last().drop(4001);
    expect(log).toContain('tokenRejected');
    vi.advanceTimersByTime(500);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('ignores frames that do not match the protocol', () => {
    const { conn, sockets, log } = setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    conn.start();
    sockets.last().open();
    sockets.last().push('{"type":"message","message":{"seq":"one"}}');
    sockets.last().push('garbage');
    expect(log).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to 30 s and is spread by jitter', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0.5)).toBe(15_000);
    expect(backoffDelay(5, () => 0)).toBe(250);
  });
});
