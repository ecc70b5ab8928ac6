import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseArticleFile } from './article';
import type { Article } from './article';
import { SynonymsFile } from './synonyms';
import type { BotLog } from './types';

export interface LoadedArticle {
  article: Article;
  file: string;
}

export interface LoadedKb {
  articles: LoadedArticle[];
  synonyms: SynonymsFile | null;
  /**
   * Names, sizes and modification times of what was read. Equal fingerprints mean an unchanged
   * folder, so a reload can skip rebuilding the index (the watcher also fires for the bot's own writes).
   */
  fingerprint: string;
}

const SYNONYM_FILES = ['synonyms.yaml', 'synonyms.yml', 'synonyms.json'];

interface CacheEntry {
  mtimeMs: number;
  size: number;
  result: ReturnType<typeof parseArticleFile>;
}

/**
 * Reads a KB folder: every `*.md` file (dot-files and editor temp files are ignored) and an
 * optional synonyms file. A bad file is skipped with a message naming it; the rest still loads.
 * Keeps a parse cache keyed by mtime and size so a reload after one edit stays cheap.
 */
export class KbLoader {
  private cache = new Map<string, CacheEntry>();

  constructor(
    readonly dir: string,
    private readonly log: BotLog,
  ) {}

  async load(): Promise<LoadedKb> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      this.log('error', `KB: cannot read folder ${this.dir}: ${(e as Error).message}`);
      return { articles: [], synonyms: null, fingerprint: '' };
    }
    const files = names.filter((n) => n.endsWith('.md') && !n.startsWith('.') && !n.startsWith('~')).sort();
    const nextCache = new Map<string, CacheEntry>();
    const byId = new Map<string, string>();
    const articles: LoadedArticle[] = [];
    const parsed: LoadedArticle[] = [];
    // Read in parallel batches: one-by-one awaits made file I/O the slowest part of loading 1,000 articles.
    const results: (CacheEntry['result'] | null)[] = [];
    for (let i = 0; i < files.length; i += 32) {
      const batch = files.slice(i, i + 32);
      results.push(...(await Promise.all(batch.map((name) => this.parse(join(this.dir, name), name, nextCache)))));
    }
    for (const [i, name] of files.entries()) {
      const result = results[i];
      if (!result) continue;
      if (result.ok) parsed.push({ article: result.article, file: name });
      else this.log('warn', `KB: skipped ${name}: ${result.error}`);
    }
    // On an id clash the file named after the id wins, so adding a stray copy cannot hide the original.
    const owns = (a: LoadedArticle): number => (a.file === `${a.article.id}.md` ? 0 : 1);
    for (const a of [...parsed].sort((x, y) => owns(x) - owns(y))) {
      const other = byId.get(a.article.id);
      if (other) this.log('warn', `KB: skipped ${a.file}: id "${a.article.id}" is already used by ${other}`);
      else byId.set(a.article.id, a.file);
    }
    for (const a of parsed) if (byId.get(a.article.id) === a.file) articles.push(a);
    this.cache = nextCache;
    const synonyms = await this.loadSynonyms(names);
    const read = [...nextCache].map(([name, e]) => `${name}:${e.size}:${e.mtimeMs}`);
    return { articles, synonyms: synonyms.parsed, fingerprint: [...read, synonyms.stamp].join('\n') };
  }

  private async parse(path: string, name: string, nextCache: Map<string, CacheEntry>): Promise<CacheEntry['result'] | null> {
    try {
      const st = await stat(path);
      if (!st.isFile()) return null;
      const cached = this.cache.get(name);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
        nextCache.set(name, cached);
        return cached.result;
      }
      if (st.size > 1_000_000) return { ok: false, error: `file is larger than 1 MB (${st.size} bytes)` };
      const result = parseArticleFile(await readFile(path, 'utf8'), name.slice(0, -3));
      nextCache.set(name, { mtimeMs: st.mtimeMs, size: st.size, result });
      return result;
    } catch (e) {
      // Deleted or renamed between readdir and read: an editor mid-save. The next reload sees the final state.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return { ok: false, error: `cannot read: ${(e as Error).message}` };
    }
  }

  private async loadSynonyms(names: readonly string[]): Promise<{ parsed: SynonymsFile | null; stamp: string }> {
    const name = SYNONYM_FILES.find((n) => names.includes(n));
    if (!name) return { parsed: null, stamp: '' };
    let stamp = name;
    try {
      const path = join(this.dir, name);
      const st = await stat(path);
      stamp = `${name}:${st.size}:${st.mtimeMs}`;
      const parsed = SynonymsFile.safeParse(parseYaml(await readFile(path, 'utf8')) ?? {});
      if (parsed.success) return { parsed: parsed.data, stamp };
      this.log('warn', `KB: ignored ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    } catch (e) {
      this.log('warn', `KB: ignored ${name}: ${(e as Error).message.split('\n')[0]}`);
    }
    return { parsed: null, stamp };
  }
}
