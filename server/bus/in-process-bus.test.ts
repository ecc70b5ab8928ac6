import { expect, it } from 'vitest';
import { createInProcessBus } from './in-process-bus';

it('delivers to every subscriber of a topic, in publish order, and stops after unsubscribe', async () => {
  const bus = createInProcessBus();
  const seen: string[] = [];
  const off = bus.subscribe('t', (e) => seen.push(`a:${e.kind}`));
  bus.subscribe('t', (e) => seen.push(`b:${e.kind}`));
  bus.subscribe('other', () => seen.push('wrong topic'));
  bus.publish('t', { kind: 'agents.changed' });
  bus.publish('t', { kind: 'queue.changed', siteId: 's' });
  await Promise.resolve();
  off();
  bus.publish('t', { kind: 'agents.changed' });
  await new Promise((r) => setTimeout(r, 0));
  expect(seen).toEqual(['a:agents.changed', 'b:agents.changed', 'a:queue.changed', 'b:queue.changed', 'b:agents.changed']);
});

it('isolates a throwing handler from the others', async () => {
  const errors: unknown[] = [];
  const bus = createInProcessBus((e) => errors.push(e));
  let delivered = false;
  bus.subscribe('t', () => {
    throw new Error('boom');
  });
  bus.subscribe('t', () => {
    delivered = true;
  });
  bus.publish('t', { kind: 'agents.changed' });
  await new Promise((r) => setTimeout(r, 0));
  expect(delivered).toBe(true);
  expect(errors).toHaveLength(1);
});
