import pg from 'pg';
import type { WakeRemote } from './wake';
import { workCounters } from './work-counters';

const RECONNECT_MS = 2_000;

/**
 * Wakes through PostgreSQL LISTEN/NOTIFY on one channel per schema (tests share a database, one
 * schema each). The listening connection is its own (a pooled one would drop the LISTEN when
 * returned) and comes back by itself after a loss; wakes missed meanwhile are the safety polls' job.
 */
export function pgWake(pool: pg.Pool, connect: () => pg.Client, schema: string | undefined): WakeRemote {
  const channel = `chat_wake_${schema ?? 'public'}`;
  return {
    async notify(payload) {
      workCounters.queries++;
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async listen(onPayload) {
      let client: pg.Client | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | null = null;
      const schedule = (): void => {
        if (stopped) return;
        retry = setTimeout(() => void open().catch(schedule), RECONNECT_MS);
        retry.unref();
      };
      const lost = (c: pg.Client): void => {
        if (stopped || client !== c) return;
        client = null;
        c.end().catch(() => {});
        schedule();
      };
      const open = async (): Promise<void> => {
        const c = connect();
        c.on('error', () => lost(c));
        c.on('end', () => lost(c));
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload) onPayload(n.payload);
        });
        try {
          await c.connect();
          await c.query(`LISTEN "${channel}"`);
        } catch (e) {
          c.end().catch(() => {});
          throw e;
        }
        if (stopped) await c.end();
        else client = c;
      };
      await open();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        await client?.end().catch(() => {});
      };
    },
  };
}
