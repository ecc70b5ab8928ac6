import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { EvalQuery } from '../eval';
import { CLINC_DOMAINS } from './clinc-domains';

const Split = z.array(z.tuple([z.string(), z.string()]));
export const ClincData = z.object({ train: Split, val: Split, test: Split, oos_val: Split, oos_test: Split });
export type ClincData = z.infer<typeof ClincData>;

export async function readClinc(file: string): Promise<ClincData> {
  return ClincData.parse(JSON.parse(await readFile(file, 'utf8')));
}

function title(intent: string): string {
  const t = intent.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export interface ClincKbOptions {
  /** Example questions kept per intent (the first N training utterances); default all. */
  perIntent?: number;
  /** Intents left out of the KB: their queries become expected null. */
  removed?: ReadonlySet<string>;
  /** Only these intents (the others are neither in the KB nor asked). */
  only?: ReadonlySet<string>;
}

/** Writes one article per kept intent (title from the intent name, training utterances as `questions`). */
export async function writeClincKb(data: ClincData, kbDir: string, opts: ClincKbOptions = {}): Promise<number> {
  const perIntent = opts.perIntent ?? Infinity;
  const byIntent = new Map<string, string[]>();
  for (const [text, intent] of data.train) {
    if (opts.removed?.has(intent) || (opts.only && !opts.only.has(intent))) continue;
    const list = byIntent.get(intent) ?? [];
    if (list.length < perIntent) list.push(text);
    byIntent.set(intent, list);
  }
  await rm(kbDir, { recursive: true, force: true });
  await mkdir(kbDir, { recursive: true });
  for (const [intent, questions] of byIntent) {
    const fm = stringify({ id: intent, title: title(intent), questions }).trimEnd();
    await writeFile(join(kbDir, `${intent}.md`), `---\n${fm}\n---\n\nHelp with ${title(intent).toLowerCase()}.\n`);
  }
  return byIntent.size;
}

/**
 * Queries of a split: in-scope ones expect their intent, or null when the intent was removed;
 * `withOos` adds CLINC's own out-of-scope queries (the in-domain protocol leaves them out, so that
 * its null queries are all close neighbours of articles that exist).
 */
export function clincQueries(data: ClincData, split: 'val' | 'test', removed: ReadonlySet<string> = new Set(), withOos = true): EvalQuery[] {
  const inScope = data[split].map(([text, intent]) => ({ text, expected: removed.has(intent) ? null : intent }));
  const oos = withOos ? data[split === 'val' ? 'oos_val' : 'oos_test'].map(([text]) => ({ text, expected: null })) : [];
  return [...inScope, ...oos];
}

/**
 * Small KBs of close neighbours: two CLINC domains (30 intents), 5 of each domain's 15 left out
 * (their queries expect null), 10 questions per article: 20 articles, 200 questions. Five such KBs,
 * one per pair of domains. Most site KBs with example questions are this size, too small for the
 * intent model and for a calibration fitted elsewhere.
 */
export function smallKbs(): { name: string; only: Set<string>; removed: Set<string> }[] {
  const domains = Object.keys(CLINC_DOMAINS);
  const out: { name: string; only: Set<string>; removed: Set<string> }[] = [];
  for (let d = 0; d + 1 < domains.length; d += 2) {
    const pair = [domains[d] as string, domains[d + 1] as string];
    const removed = removedIntents(100 + d);
    const only = new Set(pair.flatMap((x) => CLINC_DOMAINS[x] ?? []));
    out.push({ name: pair.join('+'), only, removed: new Set([...removed].filter((i) => only.has(i))) });
  }
  return out;
}

/** Queries of a split restricted to `only` (CLINC's own out-of-scope ones left out). */
export function clincQueriesOf(data: ClincData, split: 'val' | 'test', only: ReadonlySet<string>, removed: ReadonlySet<string>): EvalQuery[] {
  return data[split].filter(([, intent]) => only.has(intent)).map(([text, intent]) => ({ text, expected: removed.has(intent) ? null : intent }));
}

/** A small deterministic PRNG (mulberry32), so a protocol seed always removes the same intents. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The in-domain out-of-scope protocol: `perDomain` intents of each of CLINC's 10 domains, chosen by seed. */
export function removedIntents(seed: number, perDomain = 5): Set<string> {
  const random = seededRandom(seed);
  const removed = new Set<string>();
  for (const intents of Object.values(CLINC_DOMAINS)) {
    const shuffled = [...intents];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
    }
    for (const intent of shuffled.slice(0, perDomain)) removed.add(intent);
  }
  return removed;
}
