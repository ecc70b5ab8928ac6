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

const FAMILIES = ['w', 'b', 'c'] as const;
type Family = (typeof FAMILIES)[number];

/** Raw term counts of one text, keyed by family-prefixed feature. */
export function rawFeatures(a: Analysis): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string): void => {
    out.set(k, (out.get(k) ?? 0) + 1);
  };
  for (const t of a.terms) add(`w${t}`);
  for (let i = 1; i < a.all.length; i++) add(`b${a.all[i - 1]} ${a.all[i]}`);
  for (const t of a.terms) {
    const s = `^${t}$`;
    for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= s.length; i++) add(`c${s.slice(i, i + n)}`);
  }
  return out;
}

/** Vocabulary + IDF learned from a set of texts; turns raw features into weighted unit vectors. */
export class Vectorizer {
  private readonly vocab = new Map<string, number>();
  private idf = new Float32Array(0);
  private readonly scale: Record<Family, number>;

  constructor(weights: FeatureWeights) {
    this.scale = { w: Math.sqrt(weights.words), b: Math.sqrt(weights.pairs), c: Math.sqrt(weights.chars) };
  }

  get dimensions(): number {
    return this.vocab.size;
  }

  /**
   * Learns vocabulary and IDF from the training texts' raw features. Document frequency counts
   * articles (`groups[i]` is text i's article), not texts: a word that every phrasing of one
   * article uses is that article's signature, while a word spread over many articles says little.
   */
  fit(docs: readonly Map<string, number>[], groups: readonly number[]): void {
    const df: number[] = [];
    const lastGroup: number[] = [];
    let nGroups = 0;
    docs.forEach((d, i) => {
      const g = groups[i] ?? i;
      nGroups = Math.max(nGroups, g + 1);
      for (const k of d.keys()) {
        let id = this.vocab.get(k);
        if (id === undefined) {
          id = this.vocab.size;
          this.vocab.set(k, id);
          df.push(0);
          lastGroup.push(-1);
        }
        if (lastGroup[id] !== g) {
          lastGroup[id] = g;
          df[id] = (df[id] ?? 0) + 1;
        }
      }
    });
    this.idf = Float32Array.from(df, (f) => Math.log((nGroups + 1) / (f + 1)) + 1);
  }

  /** Unit-family vector of known features; unknown features carry no evidence and are dropped. */
  transform(raw: Map<string, number>): SparseVector {
    const ids: number[] = [];
    const vals: number[] = [];
    const norms: Record<Family, number> = { w: 0, b: 0, c: 0 };
    for (const [k, tf] of raw) {
      const id = this.vocab.get(k);
      if (id === undefined) continue;
      const v = (1 + Math.log(tf)) * (this.idf[id] ?? 0);
      ids.push(id);
      vals.push(v);
      norms[k[0] as Family] += v * v;
    }
    const factor: Record<Family, number> = { w: 0, b: 0, c: 0 };
    for (const f of FAMILIES) factor[f] = norms[f] > 0 ? this.scale[f] / Math.sqrt(norms[f]) : 0;
    let i = 0;
    for (const k of raw.keys()) {
      if (!this.vocab.has(k)) continue;
      vals[i] = (vals[i] ?? 0) * factor[k[0] as Family];
      i++;
    }
    return { ids: Int32Array.from(ids), values: Float32Array.from(vals) };
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
 * to the postings of the query's features, not to the number of vectors.
 */
export class DotIndex {
  private readonly postIds: Int32Array[];
  private readonly postVals: Float32Array[];
  private readonly acc: Float32Array;
  private readonly touched: Int32Array;

  constructor(vectors: readonly SparseVector[], dimensions: number) {
    const counts = new Int32Array(dimensions);
    for (const v of vectors) for (const id of v.ids) counts[id] = (counts[id] ?? 0) + 1;
    this.postIds = Array.from(counts, (c) => new Int32Array(c));
    this.postVals = Array.from(counts, (c) => new Float32Array(c));
    const fill = new Int32Array(dimensions);
    vectors.forEach((v, doc) => {
      for (let i = 0; i < v.ids.length; i++) {
        const id = v.ids[i] as number;
        const at = fill[id] as number;
        (this.postIds[id] as Int32Array)[at] = doc;
        (this.postVals[id] as Float32Array)[at] = v.values[i] as number;
        fill[id] = at + 1;
      }
    });
    this.acc = new Float32Array(vectors.length);
    this.touched = new Int32Array(vectors.length);
  }

  /**
   * Calls `visit(doc, dot)` for every vector sharing a feature with `q`. The scratch buffers are
   * reused, which is safe because scoring is synchronous.
   */
  forEachDot(q: SparseVector, visit: (doc: number, dot: number) => void): void {
    const { acc, touched } = this;
    let n = 0;
    for (let i = 0; i < q.ids.length; i++) {
      const id = q.ids[i] as number;
      const w = q.values[i] as number;
      const ids = this.postIds[id];
      const vals = this.postVals[id];
      if (!ids || !vals) continue;
      for (let j = 0; j < ids.length; j++) {
        const doc = ids[j] as number;
        if (acc[doc] === 0) touched[n++] = doc;
        acc[doc] = (acc[doc] as number) + w * (vals[j] as number);
      }
    }
    for (let i = 0; i < n; i++) {
      const doc = touched[i] as number;
      visit(doc, acc[doc] as number);
      acc[doc] = 0;
    }
  }
}
