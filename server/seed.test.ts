import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CANNED } from './demo-canned';
import { seedDemo } from './seed';
import { openStore } from './store/open';
import type { Store } from './store/store';

describe('demo seed', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ databaseUrl: null, dataDir: null });
  });
  afterEach(() => store.close());

  it('gives the demo useful canned responses once, and leaves an admin\'s deletions deleted', async () => {
    await seedDemo(store);
    await seedDemo(store);
    const seeded = await store.canned.all();
    expect(seeded.map((c) => c.shortcut).sort()).toEqual(DEMO_CANNED.map((c) => c.shortcut).sort());
    await store.canned.delete(seeded[0]!.id);
    await seedDemo(store);
    expect(await store.canned.all()).toHaveLength(DEMO_CANNED.length - 1);
  });

  it('leaves the demo site open to any origin', async () => {
    await seedDemo(store);
    expect((await store.sites.byKey('demo'))!.allowedOrigins).toEqual([]);
  });
});
