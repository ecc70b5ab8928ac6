import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../../tests/support/backends';
import { Lease } from './lease';
import type { Store } from './store';

requirePostgresInCi();

for (const backend of backends()) {
  describe(`cluster lease on ${backend.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    }, 120_000);
    afterEach(async () => {
      await store.close();
    });

    it('is held by one node at a time, renewed by it, and taken over once released or expired', async () => {
      const a = new Lease(store.db, 'sweep', 300);
      const b = new Lease(store.db, 'sweep', 300);
      const other = new Lease(store.db, 'another-job', 300);
      expect(await a.held()).toBe(true);
      expect(await b.held()).toBe(false);
      expect(await other.held()).toBe(true);
      expect(await a.held()).toBe(true); // renewal
      await a.release();
      expect(await b.held()).toBe(true);
      expect(await a.held()).toBe(false);
      await new Promise((r) => setTimeout(r, 400)); // b stops renewing (as if it crashed)
      expect(await a.held()).toBe(true);
      expect(await b.held()).toBe(false);
    });
  });
}
