import { randomBytes } from 'node:crypto';
import { hashPassword } from './auth/password';
import type { Store } from './store/store';

export const DEMO_SITE_KEY = 'demo';
export const DEMO_PASSWORD = 'demo';
export const DEMO_AGENTS = [
  { email: 'agent@demo.test', name: 'Alex Rivera', role: 'agent' as const },
  { email: 'admin@demo.test', name: 'Sam Admin', role: 'admin' as const },
];

/** Demo mode only: the demo site and the two demo logins. Safe to run on every start. */
export async function seedDemo(store: Store): Promise<void> {
  if (!(await store.sites.byKey(DEMO_SITE_KEY))) {
    await store.sites.create({ key: DEMO_SITE_KEY, name: 'Northwind Outfitters', secret: randomBytes(32).toString('hex'), settings: { greeting: null } });
  }
  for (const a of DEMO_AGENTS) {
    if (!(await store.agents.byEmail(a.email))) await store.agents.create({ ...a, passwordHash: await hashPassword(DEMO_PASSWORD) });
  }
}
