import type { Sql } from '../../server/store/db';
import type { Backend } from './backends';

/**
 * Work that runs on a timer whatever the sockets do is left out, so a count measures what one change costs:
 * the webhook outbox's poll, the grace sweep (and the cluster lease that elects its node), each console's heartbeat (its session check, counted by pairing it
 * with the heartbeat's own statement) and the feed's periodic refresh of "agents online" (a TTL, paired likewise).
 */
const BACKGROUND = [/webhook|pg_snapshot_xmin|cluster_leases/i, /FROM agents a\s+WHERE EXISTS|DELETE FROM agent_connections WHERE last_seen_at/i, /email_outbox/i];
/** A timed statement that comes with one more ordinary-looking statement (a session check, the agents list). */
const PAIRED = [/UPDATE agent_connections SET last_seen_at/i, /SELECT DISTINCT agent_id FROM agent_connections/i];

/** The backend's store with every statement counted, in transactions too (a test-side wrapper). */
export function counting(backend: Backend): Backend & { count(): number; texts: string[] } {
  const texts: string[] = [];
  let paired = 0;
  const counted = (sql: Sql): Sql => ({
    query(text, params) {
      if (PAIRED.some((p) => p.test(text))) paired++;
      else if (!BACKGROUND.some((b) => b.test(text)) && !/UPDATE agents SET last_seen_at/i.test(text)) texts.push(text);
      return sql.query(text, params);
    },
  });
  return {
    name: backend.name,
    texts,
    count: () => texts.length - paired,
    async open() {
      const store = await backend.open();
      const db = store.db as { query: Sql['query']; transaction: typeof store.db.transaction };
      const query = db.query.bind(store.db);
      const transaction = db.transaction.bind(store.db);
      db.query = counted({ query }).query;
      db.transaction = (fn) => transaction((tx) => fn(counted(tx)));
      return store;
    },
  };
}

/** Waits until `arrived` holds and no statement has run for a while: the change and everything it caused are done. */
export async function settled(db: { count(): number; texts: string[] }, arrived: () => boolean, quietMs = 400): Promise<number> {
  const deadline = Date.now() + 10_000;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const now = db.count();
    if (now !== last) [last, since] = [now, Date.now()];
    if (arrived() && Date.now() - since >= quietMs) return now;
    if (Date.now() > deadline) throw new Error(`the change did not settle (arrived: ${arrived()}); latest statements: ${db.texts.slice(-8).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
