import { readFileSync } from 'node:fs';
import pg from 'pg';
import { processCpuMs } from './server-process';

/**
 * CPU used by PostgreSQL on this machine while a target runs, read from /proc (the benchmark's
 * database runs beside it). `backends` counts only the connections of the servers under test (they
 * carry the `application_name` the runner gives them through PGAPPNAME), so other clients of a shared
 * cluster do not count; `background` is the cluster's own processes (postmaster, WAL writer,
 * checkpointer, background writer…), which work for every client of the cluster: on a shared machine
 * an upper bound of the share caused by the servers under test.
 */
export interface PostgresCpuSample {
  backends: Map<number, number>;
  background: Map<number, number>;
}

export async function samplePostgresCpu(databaseUrl: string, applicationName: string): Promise<PostgresCpuSample> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: { pid: number; ours: boolean }[];
  try {
    rows = (
      await client.query<{ pid: number; ours: boolean }>(
        // Autovacuum workers come and go; the rest of the background processes live as long as the cluster.
        `SELECT pid, application_name = $1 AS ours FROM pg_stat_activity
          WHERE application_name = $1 OR backend_type NOT IN ('client backend', 'autovacuum worker')`,
        [applicationName],
      )
    ).rows;
  } finally {
    await client.end();
  }
  const cpuOf = (pids: number[]) => new Map(pids.flatMap((pid) => { const ms = cpuOrNull(pid); return ms === null ? [] : [[pid, ms] as const]; }));
  const background = rows.filter((r) => !r.ours).map((r) => r.pid);
  const postmaster = parentOf(background[0]);
  return { backends: cpuOf(rows.filter((r) => r.ours).map((r) => r.pid)), background: cpuOf(postmaster ? [...background, postmaster] : background) };
}

/**
 * CPU milliseconds between two samples. A backend that appeared in between started after the first
 * sample (its whole CPU counts); one that exited in between is missed (the pools hold their
 * connections while traffic flows, so that is rare).
 */
export function postgresCpuBetween(before: PostgresCpuSample, after: PostgresCpuSample): { backendsMs: number; backgroundMs: number } {
  const grown = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0);
  return { backendsMs: grown(before.backends, after.backends), backgroundMs: grown(before.background, after.background) };
}

/** The parent pid (field 4 of /proc/PID/stat): the postmaster, for a background process. */
function parentOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function cpuOrNull(pid: number): number | null {
  try {
    return processCpuMs(pid);
  } catch {
    return null;
  }
}
