/**
 * Measures the off-topic signal of server/ops/off-topic.ts (share of a question's content words the
 * KB knows) on questions the bot did not answer, off-topic against on-topic-but-not-in-the-KB:
 *
 *   npx tsx scripts/measure-off-topic.ts [--split val|test] [--only small,full,demo]
 *
 * - small: five CLINC150 KBs of two domains (20 of their 30 intents, 10 questions each, as
 *   scripts/eval-suite.ts builds them). On-topic unanswered = queries of the 10 intents left out;
 *   off-topic = CLINC's out-of-scope queries and the queries of the other eight domains.
 * - full: the whole CLINC150 KB; off-topic = CLINC's out-of-scope queries, on-topic = in-scope queries.
 * - demo: demo/kb with the `expected: null` queries of demo/eval/dev*.jsonl, labelled by hand in
 *   DEMO_OFF_TOPIC below (nothing to do with an outdoor-gear shop) against the rest (a shop question
 *   the KB does not cover).
 * Only questions the bot did not answer count (suggestions or "not sure"): those are the ones the
 * reason is given for. Prints, per setting, the quartiles of each group, the ROC AUC, and the rates
 * at each threshold.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBot } from '../server/bot/index';
import { readClinc, smallKbs, writeClincKb, type ClincData } from '../server/bot/evaluation/clinc';
import { readQueries } from '../server/bot/evaluation/run';
import { CLINC_DOMAINS } from '../server/bot/evaluation/clinc-domains';
import { kbWordShare, vocabularyOf } from '../server/ops/off-topic';

const ROOT = resolve(import.meta.dirname, '..');
const CLINC = resolve(ROOT, '../shared/datasets/clinc150/data_full.json');
const THRESHOLDS = [0, 0.1, 0.2, 0.25, 0.3, 0.34, 0.4, 0.5];

/** The demo's unanswerable dev queries that have nothing to do with the shop (hand-labelled). */
const DEMO_OFF_TOPIC = new Set([
  'how do i cancel my gym membership', 'where is the nearest post office to me', "what's the weather like in keswick this weekend",
  'tell me a joke', 'how many calories in a banana', 'my phone screen is cracked', 'how do i update my iphone',
  'how do i cancel my netflix subscription', 'my laptop charger is broken', 'what size is a king size duvet',
  'what is the capital of france', 'how do i track my runs with a gps watch', 'how do i return a library book',
  "what's the meaning of life", 'how long is the warranty on my car', 'how do i reset my router',
  'can you recommend a good hiking trail in the lake district', 'do you sell gluten free snacks',
]);

interface Labelled { text: string; offTopic: boolean }
interface Scored { share: number | null; offTopic: boolean }

async function score(kbDir: string, queries: readonly Labelled[]): Promise<Scored[]> {
  const bot = await createBot({ kbDir, watch: false, log: () => {} });
  await bot.calibrated();
  await vocabularyOf(bot);
  try {
    const out: Scored[] = [];
    for (const q of queries) {
      const d = await bot.decide(q.text, { unhelpfulRounds: 0 });
      if (d.kind === 'answer' || d.kind === 'smalltalk' || (d.kind === 'escalate' && d.reason !== 'low_confidence')) continue;
      out.push({ share: kbWordShare(bot, q.text), offTopic: q.offTopic });
    }
    return out;
  } finally {
    bot.close();
  }
}

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number) : NaN;
};

/** Probability that an off-topic question has a lower share than an on-topic one (ties count half). */
function auc(off: number[], on: number[]): number {
  let wins = 0;
  for (const a of off) for (const b of on) wins += a < b ? 1 : a === b ? 0.5 : 0;
  return wins / (off.length * on.length);
}

function report(name: string, rows: Scored[]): void {
  const v = (r: Scored): number => r.share ?? 0;
  const off = rows.filter((r) => r.offTopic).map(v);
  const on = rows.filter((r) => !r.offTopic).map(v);
  const quart = (xs: number[]): string => [0.25, 0.5, 0.75].map((p) => q(xs, p).toFixed(2)).join('/');
  console.log(`\n## ${name}: ${off.length} off-topic, ${on.length} on-topic unanswered (no content words: ${rows.filter((r) => r.share === null).length})`);
  console.log(`share p25/p50/p75: off-topic ${quart(off)}, on-topic ${quart(on)}; AUC ${auc(off, on).toFixed(3)}`);
  console.log('| off-topic when share ≤ | off-topic caught | on-topic called off-topic | precision |');
  console.log('|---|---|---|---|');
  for (const t of THRESHOLDS) {
    const tp = off.filter((x) => x <= t).length;
    const fp = on.filter((x) => x <= t).length;
    console.log(`| ${t} | ${(tp / off.length).toFixed(3)} | ${(fp / on.length).toFixed(3)} | ${(tp / Math.max(1, tp + fp)).toFixed(3)} |`);
  }
}

function domainOf(intent: string): string | undefined {
  return Object.keys(CLINC_DOMAINS).find((d) => CLINC_DOMAINS[d]?.includes(intent));
}

async function small(data: ClincData, split: 'val' | 'test', tmp: string): Promise<Scored[]> {
  const all: Scored[] = [];
  for (const kb of smallKbs()) {
    const dir = join(tmp, `small-${kb.name}`);
    await writeClincKb(data, dir, { perIntent: 10, only: kb.only, removed: kb.removed });
    const domains = new Set([...kb.only].map(domainOf));
    const queries: Labelled[] = [
      ...data[split].filter(([, i]) => kb.removed.has(i)).map(([text]) => ({ text, offTopic: false })),
      ...data[split].filter(([, i]) => !domains.has(domainOf(i))).map(([text]) => ({ text, offTopic: true })),
      ...data[split === 'val' ? 'oos_val' : 'oos_test'].map(([text]) => ({ text, offTopic: true })),
    ];
    const rows = await score(dir, queries);
    report(`small KB ${kb.name}, ${split}`, rows);
    all.push(...rows);
  }
  return all;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { split: { type: 'string', default: 'val' }, only: { type: 'string' } } });
  const split = values.split === 'test' ? 'test' : 'val';
  const wants = (g: string): boolean => !values.only || values.only.split(',').includes(g);
  const tmp = await mkdtemp(join(tmpdir(), 'off-topic-'));
  try {
    if (wants('small') || wants('full')) {
      const data = await readClinc(CLINC);
      if (wants('small')) report(`small KBs, all five, ${split}`, await small(data, split, tmp));
      if (wants('full')) {
        await writeClincKb(data, join(tmp, 'full'));
        const queries: Labelled[] = [
          ...data[split].map(([text]) => ({ text, offTopic: false })),
          ...data[split === 'val' ? 'oos_val' : 'oos_test'].map(([text]) => ({ text, offTopic: true })),
        ];
        report(`CLINC full KB, ${split}`, await score(join(tmp, 'full'), queries));
      }
    }
    // The hand labels cover the dev sets only; the demo's held-out queries are not labelled.
    if (wants('demo') && split === 'val') {
      const sets = ['demo/eval/dev.jsonl', 'demo/eval/dev-paraphrased.jsonl'];
      const queries: Labelled[] = [];
      for (const set of sets) {
        for (const x of await readQueries(join(ROOT, set))) if (x.expected === null) queries.push({ text: x.text, offTopic: DEMO_OFF_TOPIC.has(x.text) });
      }
      report(`demo KB, unanswerable dev queries (${queries.filter((x) => x.offTopic).length} labelled off-topic)`, await score(join(ROOT, 'demo/kb'), queries));
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
