import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { Gate } from './gate';

const later = () => {
  let done!: () => void;
  const p = new Promise<void>((r) => (done = r));
  return { p, done };
};

describe('the gate in front of the database', () => {
  it('runs at most `permits` at once and the rest in arrival order, then refuses past the queue bound with busy', async () => {
    const gate = new Gate({ permits: 2, maxWaiting: 2, maxWaitMs: 10_000 });
    const order: number[] = [];
    const holds = [later(), later()];
    const running = [0, 1].map((i) => gate.run(async () => { order.push(i); await holds[i]!.p; }));
    const waiting = [2, 3].map((i) => gate.run(async () => void order.push(i)));
    const refused = await gate.run(async () => 'ran').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('busy');
    expect(order).toEqual([0, 1]);
    expect(gate.queued).toBe(2);
    holds[1]!.done();
    holds[0]!.done();
    await Promise.all([...running, ...waiting]);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(await gate.run(async () => 'free again')).toBe('free again');
  });

  it('gives up on a caller that waited past maxWaitMs, without running its work', async () => {
    const gate = new Gate({ permits: 1, maxWaiting: 10, maxWaitMs: 50 });
    const hold = later();
    const first = gate.run(() => hold.p);
    let ran = false;
    const late = await gate.run(async () => void (ran = true)).catch((e: unknown) => e);
    expect((late as AppError).code).toBe('busy');
    expect(ran).toBe(false);
    hold.done();
    await first;
    expect(gate.queued).toBe(0);
  });
});
