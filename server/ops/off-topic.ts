import type { Bot } from '../bot/index';
import { isChatWord } from '../bot/smalltalk';
import { Analyzer, stopwords } from '../bot/text';

/**
 * Whether a question the bot could not answer is about the site at all. The ranker's score cannot
 * tell "off-topic" from "on-topic but not in the KB" (both are low), but the words can: an
 * unanswered in-domain question ("do you do gift wrapping") shares most of its content words with
 * the KB, off-topic chatter ("what's the weather in Keswick") almost none. Measured on CLINC150 and
 * the demo KB: see scripts/measure-off-topic.ts and docs/METRICS.md, *Telling off-topic*.
 */

/**
 * At most this share of a question's content words known to the KB makes it off-topic: none. Higher
 * cut-offs catch more off-topic questions but call many more unanswered shop questions off-topic
 * (measured, see above), and those are the gaps a KB owner must see.
 */
export const OFF_TOPIC_MAX_KB_WORDS = 0;

const analyzer = new Analyzer([]);
const STOP = new Set(stopwords());

/** The content words of a question, stemmed: stop words, chat words ("please", "thanks") and numbers left out. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of analyzer.tokenize(text)) {
    if (STOP.has(w) || isChatWord(w) || /^\d+$/.test(w)) continue;
    out.push(analyzer.fold(w));
  }
  return out;
}

/** The stemmed words of a KB: titles, example questions, tags and bodies of every article. */
export class KbVocabulary {
  private readonly terms = new Set<string>();

  constructor(texts: Iterable<string> = []) {
    for (const t of texts) this.add(t);
  }

  add(text: string): void {
    for (const term of contentTerms(text)) this.terms.add(term);
  }

  get size(): number {
    return this.terms.size;
  }

  /** Share of the question's distinct content words the KB uses somewhere; null when it has none. */
  share(question: string): number | null {
    const terms = new Set(contentTerms(question));
    if (terms.size === 0) return null;
    let known = 0;
    for (const t of terms) if (this.terms.has(t)) known++;
    return known / terms.size;
  }
}

/** Every text of the KB the bot serves, as written. */
function kbTexts(bot: Bot): string[] {
  const out: string[] = [];
  for (const view of bot.articles()) {
    const a = bot.source(view.id);
    out.push(view.title, ...view.tags, ...(a ? [...a.questions, a.body] : [view.excerpt]));
  }
  return out;
}

/**
 * KBs up to this many characters are read in one go (the demo KB's 25 k take a few ms); larger
 * ones in slices between other work, so a 600 k-character KB (CLINC150's 15,000 questions: 1.3 s
 * on a loaded machine) never holds up the event loop. Until such a build is done, questions are
 * not measured (null), and so never called off-topic.
 */
const SYNC_CHARS = 100_000;
const SLICE_CHARS = 20_000;

async function buildInSlices(texts: readonly string[]): Promise<KbVocabulary> {
  const vocabulary = new KbVocabulary();
  let chars = 0;
  for (const t of texts) {
    vocabulary.add(t);
    chars += t.length;
    if (chars >= SLICE_CHARS) {
      chars = 0;
      await new Promise((r) => setImmediate(r));
    }
  }
  return vocabulary;
}

interface Entry {
  key: string;
  vocabulary: KbVocabulary | null;
  ready: Promise<KbVocabulary>;
}

/** One vocabulary per bot and KB version (the calibration's content hash), rebuilt when the KB changes. */
const cache = new WeakMap<Bot, Entry>();

function entryOf(bot: Bot): Entry {
  const key = `${bot.calibration().key}:${bot.size}`;
  const hit = cache.get(bot);
  if (hit && hit.key === key) return hit;
  const texts = kbTexts(bot);
  let entry: Entry;
  if (texts.reduce((n, t) => n + t.length, 0) <= SYNC_CHARS) {
    const vocabulary = new KbVocabulary(texts);
    entry = { key, vocabulary, ready: Promise.resolve(vocabulary) };
  } else {
    entry = { key, vocabulary: null, ready: buildInSlices(texts).then((v) => (entry.vocabulary = v)) };
  }
  cache.set(bot, entry);
  return entry;
}

/** The vocabulary of the KB the bot serves now, once built (scripts and tests wait for it). */
export function vocabularyOf(bot: Bot): Promise<KbVocabulary> {
  return entryOf(bot).ready;
}

/**
 * What the bot turn stores with a decision (`bot.decision` `kbWords`): the share of the question's
 * content words the KB knew at that moment, rounded to 2 decimals, or null without content words
 * (or while a large KB's vocabulary is still being built).
 * Stored at decision time so a report never judges an old question against a KB edited since.
 */
export function kbWordShare(bot: Bot, question: string): number | null {
  const share = entryOf(bot).vocabulary?.share(question) ?? null;
  return share === null ? null : Math.round(share * 100) / 100;
}

/** Whether a stored `kbWords` value marks the question off-topic. */
export function isOffTopic(kbWords: unknown): boolean {
  return typeof kbWords === 'number' && kbWords <= OFF_TOPIC_MAX_KB_WORDS;
}
