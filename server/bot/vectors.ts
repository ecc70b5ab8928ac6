import type { Analysis } from './text';

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
 * are interned to integer ids once, and each word's character n-grams are cached, because string
 * building dominated index time.
 */
export class Vectorizer {
  private readonly vocab = new Map<string, number>();
  private readonly family: number[] = [];
  private readonly grams = new Map<string, number[]>();
  private frozen = false;
  private idf = new Float32Array(0);
  private readonly scale: [number, number, number];

  constructor(weights: FeatureWeights) {
    this.scale = [Math.sqrt(weights.words), Math.sqrt(weights.pairs), Math.sqrt(weights.chars)];
  }

  get dimensions(): number {
    return this.vocab.size;
  }

  /** Whether a content word (already analysed) occurs anywhere in the KB. */
  knows(term: string): boolean {
    return this.vocab.has(`w${term}`);
  }

  private id(key: string, fam: number): number {
    let id = this.vocab.get(key);
    if (id === undefined && !this.frozen) {
      id = this.vocab.size;
      this.vocab.set(key, id);
      this.family.push(fam);
    }
    return id ?? -1;
  }

  private charGrams(term: string): number[] {
    let ids = this.grams.get(term);
    if (!ids) {
      ids = [];
      const s = `^${term}$`;
      for (let n = 3; n <= 4; n++) {
        for (let i = 0; i + n <= s.length; i++) {
          const id = this.id(`c${s.slice(i, i + n)}`, CHAR);
          if (id >= 0) ids.push(id);
        }
      }
      if (this.grams.size < 200_000) this.grams.set(term, ids);
    }
    return ids;
  }

  /**
   * Term counts of one text by feature id. Before `fit` new features join the vocabulary; after
   * it, unknown features carry no evidence and are dropped.
   */
  count(a: Analysis): Map<number, number> {
    const out = new Map<number, number>();
    const add = (id: number): void => {
      if (id >= 0) out.set(id, (out.get(id) ?? 0) + 1);
    };
    for (const t of a.terms) add(this.id(`w${t}`, WORD));
    for (let i = 1; i < a.all.length; i++) add(this.id(`b${a.all[i - 1]} ${a.all[i]}`, PAIR));
    for (const t of a.terms) for (const id of this.charGrams(t)) add(id);
    return out;
  }

  /**
   * Learns IDF from the training texts' counts and freezes the vocabulary. Document frequency
   * counts articles (`groups[i]` is text i's article), not texts: a word that every phrasing of
   * one article uses is that article's signature, while a word spread over many articles says little.
   */
  fit(docs: readonly Map<number, number>[], groups: readonly number[]): void {
    this.frozen = true;
    this.grams.clear();
    const df = new Float64Array(this.vocab.size);
    const lastGroup = new Int32Array(this.vocab.size).fill(-1);
    let nGroups = 0;
    docs.forEach((d, i) => {
      const g = groups[i] ?? i;
      nGroups = Math.max(nGroups, g + 1);
      for (const id of d.keys()) {
        if (lastGroup[id] !== g) {
          lastGroup[id] = g;
          df[id] = (df[id] as number) + 1;
        }
      }
    });
    // Character n-grams in many articles (say "ing$") barely move a score but have the longest
    // postings: dropping them (idf 0) makes matching much faster on large KBs. Words and pairs stay.
    const tooCommon = nGroups >= 20 ? COMMON_GRAM * nGroups : Infinity;
    this.idf = Float32Array.from(df, (f, id) =>
      f > tooCommon && this.family[id] === CHAR ? 0 : Math.log((nGroups + 1) / (f + 1)) + 1,
    );
  }

  /** Unit-family TF-IDF vector of the counts. */
  transform(counts: Map<number, number>): SparseVector {
    let n = 0;
    for (const id of counts.keys()) if ((this.idf[id] ?? 0) > 0) n++;
    const ids = new Int32Array(n);
    const values = new Float32Array(n);
    const norms = [0, 0, 0];
    let i = 0;
    for (const [id, tf] of counts) {
      const v = (1 + Math.log(tf)) * (this.idf[id] ?? 0);
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

/** Unit-length weighted sum of vectors (an article's centroid). */
export function centroid(vectors: readonly { v: SparseVector; weight: number }[]): SparseVector {
  const acc = new Map<number, number>();
  for (const { v, weight } of vectors) {
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i] as number;
      acc.set(id, (acc.get(id) ?? 0) + weight * (v.values[i] as number));
    }
  }
  let norm = 0;
  for (const x of acc.values()) norm += x * x;
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const ids = Int32Array.from(acc.keys());
  const values = Float32Array.from(acc.values(), (x) => x * inv);
  return { ids, values };
}

/**
 * Inverted index of sparse vectors for fast dot products against a query: cost is proportional
 * to the postings of the query's features, not to the number of vectors. Postings are stored in
 * one flat array per field (CSR layout) to keep allocation and memory low.
 */
export class DotIndex {
  private readonly offsets: Int32Array;
  private readonly docs: Int32Array;
  private readonly vals: Float32Array;
  private readonly acc: Float32Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;

  constructor(vectors: readonly SparseVector[], dimensions: number) {
    const offsets = new Int32Array(dimensions + 1);
    for (const v of vectors) for (const id of v.ids) offsets[id + 1] = (offsets[id + 1] as number) + 1;
    for (let d = 0; d < dimensions; d++) offsets[d + 1] = (offsets[d + 1] as number) + (offsets[d] as number);
    const total = offsets[dimensions] as number;
    this.docs = new Int32Array(total);
    this.vals = new Float32Array(total);
    const fill = offsets.slice(0, dimensions);
    vectors.forEach((v, doc) => {
      for (let i = 0; i < v.ids.length; i++) {
        const id = v.ids[i] as number;
        const at = fill[id] as number;
        this.docs[at] = doc;
        this.vals[at] = v.values[i] as number;
        fill[id] = at + 1;
      }
    });
    this.offsets = offsets;
    this.acc = new Float32Array(vectors.length);
    this.seen = new Uint8Array(vectors.length);
    this.touched = new Int32Array(vectors.length);
  }

  /** Number of vectors containing the feature. */
  frequency(id: number): number {
    return ((this.offsets[id + 1] ?? 0) as number) - ((this.offsets[id] ?? 0) as number);
  }

  /**
   * Calls `visit(doc, dot)` for every vector sharing a feature with `q`. The scratch buffers are
   * reused, which is safe because scoring is synchronous.
   */
  forEachDot(q: SparseVector, visit: (doc: number, dot: number) => void): void {
    const { acc, seen, touched, docs, vals, offsets } = this;
    let n = 0;
    for (let i = 0; i < q.ids.length; i++) {
      const id = q.ids[i] as number;
      const w = q.values[i] as number;
      if (w === 0 || id + 1 >= offsets.length) continue;
      const end = offsets[id + 1] as number;
      for (let j = offsets[id] as number; j < end; j++) {
        const doc = docs[j] as number;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched[n++] = doc;
        }
        acc[doc] = (acc[doc] as number) + w * (vals[j] as number);
      }
    }
    for (let i = 0; i < n; i++) {
      const doc = touched[i] as number;
      visit(doc, acc[doc] as number);
      acc[doc] = 0;
      seen[doc] = 0;
    }
  }
}
