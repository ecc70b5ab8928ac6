import { randomBytes } from 'node:crypto';
import { hashPassword } from './auth/password';
import { DEMO_CANNED } from './demo-canned';
import type { Store } from './store/store';

export const DEMO_SITE_KEY = 'demo';
export const DEMO_PASSWORD = 'demo';
export const DEMO_AGENTS = [
  { email: 'agent@demo.test', name: 'Alex Rivera', role: 'agent' as const },
  { email: 'admin@demo.test', name: 'Sam Admin', role: 'admin' as const },
];

/**
 * Demo mode only: the demo site, the two demo logins and a few canned responses. Safe to run on
 * every start. The demo site allows any origin (its list is empty) so the demo works wherever it
 * is served; `npm run sites -- origins --key demo --origin …` restricts it.
 */
export async function seedDemo(store: Store): Promise<void> {
  if (!(await store.sites.byKey(DEMO_SITE_KEY))) {
    await store.sites.create({ key: DEMO_SITE_KEY, name: 'Northwind Outfitters', secret: randomBytes(32).toString('hex'), settings: { greeting: null } });
  }
  for (const a of DEMO_AGENTS) {
    if (!(await store.agents.byEmail(a.email))) await store.agents.create({ ...a, passwordHash: await hashPassword(DEMO_PASSWORD) });
  }
  await seedCannedOnce(store);
}

/** Once per database: an admin who deletes the demo replies does not see them come back on restart. */
async function seedCannedOnce(store: Store): Promise<void> {
  const first = await store.db.query("INSERT INTO server_settings (key, value) VALUES ('demo_canned_seeded', 'yes') ON CONFLICT (key) DO NOTHING RETURNING key");
  if (first.length === 0) return;
  const taken = new Set((await store.canned.all()).map((c) => c.shortcut));
  for (const c of DEMO_CANNED) if (!taken.has(c.shortcut)) await store.canned.create(c);
}
