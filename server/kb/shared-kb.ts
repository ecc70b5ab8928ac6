import type { Article } from '../bot/article';
import type { Bot } from '../bot/index';
import { topics, type Bus } from '../bus/bus';
import type { Sql } from '../store/db';

type Log = (level: 'info' | 'warn' | 'error', msg: string) => void;

/** An article as an upsert takes it (the form kb-routes re-submits an article's source in). */
function inputOf(a: Article): Record<string, unknown> {
  const { locale, ...rest } = a;
  return { ...rest, ...(locale ? { locale } : {}) };
}

/** JSON with sorted keys: jsonb does not keep key order, so stored and local articles compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export interface SharedKb {
  /** The bot with API edits recorded in the database and announced to the other nodes. */
  bot: Bot;
  /** Applies what the database holds now, then follows other nodes' edits (bus `kb`). */
  start(): Promise<void>;
  /** Applies edits this node has not applied yet (also run on every `kb.changed`). */
  pull(): Promise<void>;
  stop(): void;
}

/**
 * KB edits reach every node's bot. An edit through the API is written to this node's KB folder (the bot
 * reindexes), then stored in `kb_articles` and announced on the bus; every other node reads the rows it
 * has not applied from the database, writes them to its own folder and reindexes once. The database, not a
 * shared disk, carries the content, so nodes on different machines agree. Hand-edited files stay local.
 */
export function sharedKb(inner: Bot, sql: Sql, bus: Bus, log: Log): SharedKb {
  /** Per article, the version this node serves. */
  const applied = new Map<string, bigint>();
  let pulling: Promise<void> | null = null;
  let again = false;
  let off: (() => void) | null = null;

  const record = async (edits: Array<{ id: string; article: Article | null }>): Promise<void> => {
    if (edits.length === 0) return;
    const rows = await sql.query<{ id: string; version: string }>(
      `INSERT INTO kb_articles (id, article, version, updated_at)
       SELECT e.id, e.article, nextval('kb_article_version'), now() FROM unnest($1::text[], $2::jsonb[]) AS e(id, article)
       ON CONFLICT (id) DO UPDATE SET article = EXCLUDED.article, version = EXCLUDED.version, updated_at = now()
       RETURNING id, version::text AS version`,
      [edits.map((e) => e.id), edits.map((e) => (e.article ? JSON.stringify(inputOf(e.article)) : null))],
    );
    for (const r of rows) applied.set(r.id, BigInt(r.version));
    bus.publish(topics.kb, { kind: 'kb.changed' });
  };

  const pullOnce = async (): Promise<void> => {
    const versions = await sql.query<{ id: string; version: string }>('SELECT id, version::text AS version FROM kb_articles');
    const changed = versions.filter((r) => (applied.get(r.id) ?? -1n) < BigInt(r.version));
    if (changed.length === 0) return;
    const rows = await sql.query<{ id: string; version: string; article: Record<string, unknown> | null }>(
      'SELECT id, version::text AS version, article FROM kb_articles WHERE id = ANY($1)',
      [changed.map((r) => r.id)],
    );
    const upsert: Record<string, unknown>[] = [];
    const remove: string[] = [];
    for (const r of rows) {
      const local = inner.source(r.id);
      if (r.article === null) {
        if (local) remove.push(r.id);
      } else if (!local || canonical(inputOf(local)) !== canonical(r.article)) upsert.push(r.article);
    }
    if (upsert.length > 0 || remove.length > 0) {
      try {
        await inner.sync({ upsert, remove });
        log('info', `KB: applied ${upsert.length} edited and ${remove.length} deleted articles from the database`);
      } catch (e) {
        // Marked applied all the same: an edit this version cannot read must not be retried forever.
        log('error', `KB: could not apply edits from the database: ${(e as Error).message}`);
      }
    }
    for (const r of rows) applied.set(r.id, BigInt(r.version));
  };

  /** One pull at a time; a request during a pull runs one more after it, so the last edit always lands. */
  const pull = async (): Promise<void> => {
    if (pulling) {
      again = true;
      return pulling;
    }
    pulling = (async () => {
      do {
        again = false;
        await pullOnce();
      } while (again);
    })().finally(() => (pulling = null));
    return pulling;
  };

  const bot: Bot = {
    decide: (text, ctx) => inner.decide(text, ctx),
    article: (id) => inner.article(id),
    articles: () => inner.articles(),
    source: (id) => inner.source(id),
    async upsert(input) {
      const view = await inner.upsert(input);
      await record([{ id: view.id, article: inner.source(view.id) ?? null }]);
      return view;
    },
    async remove(id) {
      const removed = await inner.remove(id);
      if (removed) await record([{ id, article: null }]);
      return removed;
    },
    async sync(input) {
      const result = await inner.sync(input);
      await record([...result.upserted.map((id) => ({ id, article: inner.source(id) ?? null })), ...result.removed.map((id) => ({ id, article: null }))]);
      return result;
    },
    get size() {
      return inner.size;
    },
    calibration: () => inner.calibration(),
    calibrated: () => inner.calibrated(),
    close: () => inner.close(),
  };

  return {
    bot,
    pull,
    async start() {
      // Other nodes' edits (and, after a lost Redis connection, whatever was missed) are read from the database.
      off ??= bus.subscribe(topics.kb, (e) => {
        if (e.kind === 'kb.changed' || e.kind === 'resync') pull().catch((err: unknown) => log('error', `KB: pull failed: ${(err as Error).message}`));
      });
      await pull();
    },
    stop() {
      off?.();
      off = null;
    },
  };
}
