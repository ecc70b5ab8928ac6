import { afterEach, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../tests/faults/support/tcp-proxy';
import { requireRedisInCi } from '../../tests/support/backends';
import type { Bus, BusEvent } from './bus';
import { createRedisBus } from './redis-bus';

requireRedisInCi();
const redisUrl = process.env.REDIS_URL || null;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(10);
  }
}
const status = (id: string): BusEvent => ({ kind: 'status', conversationId: id, status: 'queued', agentName: null });

describe.skipIf(!redisUrl)('Redis bus (two nodes on one Redis)', () => {
  const open: Bus[] = [];
  const proxies: TcpProxy[] = [];
  const prefix = `test:${Date.now().toString(36)}:${Math.random().toString(36).slice(2)}:`;
  const node = async (url = redisUrl!) => {
    const bus = await createRedisBus({ url, prefix });
    open.push(bus);
    return bus;
  };
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
    for (const p of proxies.splice(0)) await p.close();
  });

  it('delivers an event to subscribers on every node, once each, and to none after unsubscribing', async () => {
    const [a, b] = [await node(), await node()];
    const onA: BusEvent[] = [];
    const onB: BusEvent[] = [];
    const offA = a.subscribe('conv:1', (e) => e.kind !== 'resync' && onA.push(e));
    b.subscribe('conv:1', (e) => e.kind !== 'resync' && onB.push(e));
    await wait(100); // both subscriptions confirmed by Redis
    a.publish('conv:1', status('1'));
    b.publish('conv:1', status('1'));
    await until(() => onA.length === 2 && onB.length === 2, 5_000, 'both events on both nodes');
    await wait(100);
    expect(onA).toHaveLength(2); // the publisher's own event is delivered locally, not echoed back through Redis
    expect(onB).toHaveLength(2);
    offA();
    b.publish('conv:1', status('1'));
    await until(() => onB.length === 3, 5_000, 'the third event on b');
    await wait(100);
    expect(onA).toHaveLength(2);
  });

  it('keeps topics apart', async () => {
    const [a, b] = [await node(), await node()];
    const seen: string[] = [];
    b.subscribe('conv:x', (e) => e.kind === 'status' && seen.push(e.conversationId));
    await wait(100);
    a.publish('conv:y', status('y'));
    a.publish('conv:x', status('x'));
    await until(() => seen.length === 1, 5_000, 'the event for conv:x');
    await wait(100);
    expect(seen).toEqual(['x']);
  });

  it('tells a new subscriber to reload once Redis confirms its subscription, so the window before it is covered', async () => {
    const a = await node();
    const kinds: string[] = [];
    a.subscribe('conv:new', (e) => kinds.push(e.kind));
    await until(() => kinds.includes('resync'), 5_000, 'a resync after the subscription is confirmed');
  });

  it('after losing Redis, a node resyncs its own subscribers and tells the others to, then delivers live again', async () => {
    const target = new URL(redisUrl!);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    proxies.push(proxy);
    const viaProxy = new URL(redisUrl!);
    viaProxy.host = proxy.hostPort;
    const a = await node(viaProxy.href);
    const b = await node();
    const onA: string[] = [];
    const onB: string[] = [];
    a.subscribe('conv:2', (e) => onA.push(e.kind));
    b.subscribe('conv:2', (e) => onB.push(e.kind));
    await until(() => onA.includes('resync') && onB.includes('resync'), 5_000, 'subscriptions confirmed');
    onA.length = 0;
    onB.length = 0;

    await proxy.cut();
    a.publish('conv:2', status('2')); // lost for b: a cannot reach Redis
    b.publish('conv:2', status('2')); // lost for a
    await wait(300);
    expect(onB.filter((k) => k === 'status')).toHaveLength(1); // only its own
    await proxy.restore();
    await until(() => onA.includes('resync'), 10_000, 'a to resync after reconnecting');
    await until(() => onB.includes('resync'), 10_000, 'b to be told to resync');

    onA.length = 0;
    b.publish('conv:2', status('2'));
    await until(() => onA.includes('status'), 5_000, 'live delivery again');
  }, 30_000);
});
