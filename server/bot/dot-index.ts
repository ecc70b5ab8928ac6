import type { SparseVector } from './vectors';

/**
 * Per group, the plain and the weighted sum of its vectors: the naive-Bayes counts and the
 * article centroids. One dense scratch row is reused for every group, which is several times
 * faster than summing into Maps.
 */
export function groupSums(
  vectors: readonly SparseVector[],
  groups: readonly number[],
  weights: readonly number[],
  nGroups: number,
  dimensions: number,
): { plain: SparseVector[]; weighted: SparseVector[] } {
  const members: number[][] = Array.from({ length: nGroups }, () => []);
  groups.forEach((g, i) => members[g]?.push(i));
  const acc = new Float64Array(dimensions);
  const accW = new Float64Array(dimensions);
  const seen = new Uint8Array(dimensions);
  const plain: SparseVector[] = [];
  const weighted: SparseVector[] = [];
  for (const list of members) {
    const touched: number[] = [];
    for (const i of list) {
      const v = vectors[i] as SparseVector;
      const w = weights[i] as number;
      for (let j = 0; j < v.ids.length; j++) {
        const id = v.ids[j] as number;
        const x = v.values[j] as number;
        if (seen[id] === 0) {
          seen[id] = 1;
          touched.push(id);
        }
        acc[id] = (acc[id] as number) + x;
        accW[id] = (accW[id] as number) + w * x;
      }
    }
    const ids = Int32Array.from(touched);
    const values = new Float32Array(touched.length);
    const valuesW = new Float32Array(touched.length);
    for (let k = 0; k < touched.length; k++) {
      const id = touched[k] as number;
      values[k] = acc[id] as number;
      valuesW[k] = accW[id] as number;
      acc[id] = 0;
      accW[id] = 0;
      seen[id] = 0;
    }
    plain.push({ ids, values });
    weighted.push({ ids, values: valuesW });
  }
  return { plain, weighted };
}

/** The vector scaled to unit length (an article's centroid from its sum). */
export function unit(v: SparseVector): SparseVector {
  let norm = 0;
  for (const x of v.values) norm += x * x;
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { ids: v.ids, values: v.values.map((x) => x * inv) };
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
