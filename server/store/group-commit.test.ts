import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A store whose statements the test finishes by hand, recording what each batch held. */
function manualStore() {
  const batches: { items: string[]; finish(): void; fail(e: Error): void }[] = [];
  const store = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map((i) => `stored ${i}`)), fail: reject });
    });
  return { batches, store };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('stores the items of one tick together and answers each caller after its batch', async () => {
    const { batches, store } = manualStore();
    const group = new GroupCommit(store, { maxInFlight: 2, maxBatch: 3 });
    const results = ['a', 'b', 'c', 'd'].map((i) => group.submit(i));
    await tick();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([['a', 'b', 'c'], ['d']]);
    batches[1]!.finish();
    expect(await results[3]).toBe('stored d');
    batches[0]!.finish();
    expect(await Promise.all(results)).toEqual(['stored a', 'stored b', 'stored c', 'stored d']);
  });

  it('keeps a key out of every batch while one of its items is in flight, so they are stored in call order', async () => {
    const { batches, store } = manualStore();
    const group = new GroupCommit(store, { maxInFlight: 4, maxBatch: 10 }, (i: string) => i.split(':')[0]!);
    const first = group.submit('x:1');
    await tick();
    const later = ['x:2', 'y:1', 'x:3'].map((i) => group.submit(i));
    await tick();
    await tick();
    // x:2 waits for x:1's commit although slots are free; y:1 does not wait.
    expect(batches.map((b) => b.items)).toEqual([['x:1'], ['y:1']]);
    expect(group.waiting).toBe(2);
    batches[0]!.finish();
    await first;
    await tick();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([['x:1'], ['y:1'], ['x:2']]);
    batches[2]!.finish();
    await later[0];
    await tick();
    await tick();
    expect(batches[3]!.items).toEqual(['x:3']);
    batches[1]!.finish();
    batches[3]!.finish();
    expect(await Promise.all(later)).toEqual(['stored x:2', 'stored y:1', 'stored x:3']);
  });

  it('fails every item of a batch whose statement failed, and carries on with the next batch', async () => {
    const { batches, store } = manualStore();
    const group = new GroupCommit(store, { maxInFlight: 1, maxBatch: 10 });
    const failed = [group.submit('a'), group.submit('b')];
    await tick();
    const next = group.submit('c');
    batches[0]!.fail(new Error('connection lost'));
    for (const r of failed) await expect(r).rejects.toThrow('connection lost');
    await tick();
    batches[1]!.finish();
    expect(await next).toBe('stored c');
  });

  it('fails only the item whose own result is a rejection', async () => {
    const group = new GroupCommit(async (items: string[]) => items.map((i) => (i === 'bad' ? Promise.reject(new Error('duplicate')) : Promise.resolve(i))), { maxInFlight: 1, maxBatch: 10 });
    const [good, bad] = [group.submit('good'), group.submit('bad')];
    expect(await good).toBe('good');
    await expect(bad).rejects.toThrow('duplicate');
  });
});
