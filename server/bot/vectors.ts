import type { Analysis } from './text';
import { TermCounter } from './term-counter';
import type { Counts } from './term-counter';

/**
 * Sparse TF-IDF vectors over three feature families, each L2-normalised on its own and then
 * weighted, so the cosine of two vectors is a weighted sum of per-family cosines:
 * - `w` content words (stemmed, stop words removed),
 * - `b` adjacent word pairs with stop words kept ("who made", "my card"), which carry intent,
 * - `c` character 3–4-grams of content words, which tolerate typos and word-form variants.
 */
export interface FeatureWeights {
  words: number;
  pairs: number;
  chars: number;
}

export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

/** Share of articles above which a character n-gram is ignored (only in KBs of 20+ articles). */
const COMMON_GRAM = 0.25;

const WORD = 0;
const PAIR = 1;
const CHAR = 2;


/**
 * Vocabulary + IDF learned from a set of texts; turns texts into weighted unit vectors. Features
 * are interned to integer ids; a word's own id and its character n-grams are cached per word, and
 * a word pair is looked up by the two words' numbers, because building feature strings and
 * counting them in Maps dominated index time (measured with scripts/bot-bench.ts).
 */
export class Vectorizer {
  /** Content word → feature id. */
  private readonly wordIds = new Map<string, number>();
  /** Any folded word (stop words too) → a small number, for pair keys. */
  private readonly tokens = new Map<string, number>();
  /** Content word → its feature ids (the word, then its character n-grams), built once per word. */
  private readonly termFeatures = new Map<string, number[]>();
  /** First token number → (second token number → pair feature id); small-integer keys stay fast. */
  private readonly pairIds: Map<number, number>[] = [];
  private readonly gramIds = new Map<string, number>();
  private readonly family: number[] = [];
  private readonly counter = new TermCounter();
  private frozen = false;
  private idf = new Float32Array(0);
  private unseen = 1;
  private readonly scale: [number, number, number];

  constructor(weights: FeatureWeights) {
    this.scale = [Math.sqrt(weights.words), Math.sqrt(weights.pairs), Math.sqrt(weights.chars)];
  }

  get dimensions(): number {
    return this.family.length;
  }

  /** Whether a content word (already analysed) occurs anywhere in the KB. */
  knows(term: string): boolean {
    return this.wordIds.has(term);
  }

  /** Feature id of a content word, or −1 when the KB does not have it. */
  wordId(term: string): number {
    return this.wordIds.get(term) ?? -1;
  }

  /** Feature id of the adjacent pair of folded words (stop words kept), or −1 when the KB does not have it. */
  pairOf(first: string, second: string): number {
    const a = this.tokens.get(first);
    const b = this.tokens.get(second);
    if (a === undefined || b === undefined) return -1;
    return this.pairIds[a]?.get(b) ?? -1;
  }

  /** IDF of a feature after `fit`. */
  idfOf(id: number): number {
    return this.idf[id] ?? this.unseen;
  }

  /** Whether the feature is a character n-gram (not a word or a word pair). */
  isCharGram(id: number): boolean {
    return this.family[id] === CHAR;
  }

  /** IDF a feature in no article would have: the most specific there is. */
  get unseenIdf(): number {
    return this.unseen;
  }

  private id(map: Map<string, number>, key: string, fam: number): number {
    let id = map.get(key);
    if (id === undefined && !this.frozen) {
      id = this.family.length;
      map.set(key, id);
      this.family.push(fam);
    }
    return id ?? -1;
  }

  private pairId(first: number, second: number): number {
    let next = this.pairIds[first];
    if (!next) {
      if (this.frozen) return -1;
      next = new Map();
      this.pairIds[first] = next;
    }
    let id = next.get(second);
    if (id === undefined && !this.frozen) {
      id = this.family.length;
      next.set(second, id);
      this.family.push(PAIR);
    }
    return id ?? -1;
  }

  private token(word: string): number {
    let n = this.tokens.get(word);
    if (n === undefined) {
      n = this.tokens.size;
      if (!this.frozen) this.tokens.set(word, n);
    }
    return n;
  }

  private features(term: string): number[] {
    let ids = this.termFeatures.get(term);
    if (!ids) {
      ids = [this.id(this.wordIds, term, WORD)];
      const s = `^${term}$`;
      for (let n = 3; n <= 4; n++) {
        for (let i = 0; i + n <= s.length; i++) {
          const id = this.id(this.gramIds, s.slice(i, i + n), CHAR);
          if (id >= 0) ids.push(id);
        }
      }
      if (this.termFeatures.size < 200_000) this.termFeatures.set(term, ids);
    }
    return ids;
  }

  /**
   * Term counts of one text by feature id. Before `fit` new features join the vocabulary; after
   * it, unknown features carry no evidence and are dropped.
   */
  count(a: Analysis): Counts {
    const counter = this.counter;
    // Room for every feature this text could add to the vocabulary.
    let bound = this.family.length + a.all.length;
    for (const t of a.terms) bound += 2 * t.length + 4;
    counter.begin(bound);
    for (const t of a.terms) {
      const fs = this.features(t);
      for (let k = 0; k < fs.length; k++) counter.add(fs[k] as number);
    }
    let prev = a.all.length ? this.token(a.all[0] as string) : 0;
    for (let i = 1; i < a.all.length; i++) {
      const next = this.token(a.all[i] as string);
      counter.add(this.pairId(prev, next));
      prev = next;
    }
    return counter.end();
  }

  /**
   * Learns IDF from the training texts' counts and freezes the vocabulary. Document frequency
   * counts articles (`groups[i]` is text i's article), not texts: a word that every phrasing of
   * one article uses is that article's signature, while a word spread over many articles says little.
   */
  fit(docs: readonly Counts[], groups: readonly number[]): void {
    this.frozen = true;
    const dims = this.family.length;
    const df = new Float64Array(dims);
    const lastGroup = new Int32Array(dims).fill(-1);
    let nGroups = 0;
    docs.forEach((d, i) => {
      const g = groups[i] ?? i;
      nGroups = Math.max(nGroups, g + 1);
      for (const id of d.ids) {
        if (lastGroup[id] !== g) {
          lastGroup[id] = g;
          df[id] = (df[id] as number) + 1;
        }
      }
    });
    // Character n-grams in many articles (say "ing$") barely move a score but have the longest
    // postings: dropping them (idf 0) makes matching much faster on large KBs. Words and pairs stay.
    this.unseen = Math.log(nGroups + 1) + 1;
    const tooCommon = nGroups >= 20 ? COMMON_GRAM * nGroups : Infinity;
    this.idf = Float32Array.from(df, (f, id) =>
      f > tooCommon && this.family[id] === CHAR ? 0 : Math.log((nGroups + 1) / (f + 1)) + 1,
    );
  }

  /** Unit-family TF-IDF vector of the counts. */
  transform(counts: Counts): SparseVector {
    let n = 0;
    for (const id of counts.ids) if ((this.idf[id] ?? 0) > 0) n++;
    const ids = new Int32Array(n);
    const values = new Float32Array(n);
    const norms = [0, 0, 0];
    let i = 0;
    for (let k = 0; k < counts.ids.length; k++) {
      const id = counts.ids[k] as number;
      const v = (1 + Math.log(counts.tfs[k] as number)) * (this.idf[id] ?? 0);
      if (v === 0) continue;
      ids[i] = id;
      values[i] = v;
      const f = this.family[id] as number;
      norms[f] = (norms[f] as number) + v * v;
      i++;
    }
    const factor = norms.map((x, f) => (x > 0 ? (this.scale[f] as number) / Math.sqrt(x) : 0));
    for (let j = 0; j < n; j++) values[j] = (values[j] as number) * (factor[this.family[ids[j] as number] as number] as number);
    return { ids, values };
  }
}
