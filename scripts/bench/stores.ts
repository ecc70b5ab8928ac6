import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ROOT } from './server-process';

/** Where a server process keeps its data, and how to throw it away afterwards. */
export interface ScratchStore {
  kind: 'pglite' | 'postgres';
  /** Environment for the server process (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** The same database reached through another host:port (a proxy in front of PostgreSQL). */
  envVia(hostPort: string): Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * A fresh PGlite data directory. initdb inside PGlite takes 10+ s on a busy 2-core machine, so
 * one empty cluster per PGlite version is made once under the temp dir and copied (tens of ms).
 * Migrations are left to the server, so a new migration never needs a new template.
 */
export async function scratchPglite(): Promise<ScratchStore> {
  const template = await pgliteTemplate();
  const dir = join(mkdtempSync(join(tmpdir(), 'chat-bench-')), 'data');
  cpSync(template, dir, { recursive: true });
  return {
    kind: 'pglite',
    env: { DATA_DIR: dir },
    envVia: () => ({ DATA_DIR: dir }),
    async dispose() {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}

async function pgliteTemplate(): Promise<string> {
  const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  const template = join(tmpdir(), `chat-pglite-template-${version}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  // Built aside and renamed into place, so a concurrent test never copies a half-made cluster.
  const building = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const db = new PGlite(building);
  await db.waitReady;
  await db.close();
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process won the race
  }
  return template;
}

/**
 * A fresh schema in the PostgreSQL at `databaseUrl`. The server is confined to it through the
 * URL's `options=-c search_path=…` (libpq syntax, honoured by `pg`), so no server setting is needed.
 */
export async function scratchPostgres(databaseUrl: string): Promise<ScratchStore> {
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(databaseUrl, `CREATE SCHEMA ${schema}`);
  const withSchema = (url: URL) => {
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  };
  return {
    kind: 'postgres',
    env: { DATABASE_URL: withSchema(new URL(databaseUrl)) },
    envVia(hostPort) {
      const url = new URL(databaseUrl);
      url.host = hostPort;
      return { DATABASE_URL: withSchema(url) };
    },
    async dispose() {
      await adminQuery(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
