import { DotIndex } from './vectors';
import type { SparseVector } from './vectors';

/**
 * Multinomial naive Bayes over the same TF-IDF features, trained at load time on each article's
 * phrasings. Unlike cosine similarity it learns which features tell articles apart, and it is
 * cheap: training is one pass over the examples, scoring one pass over the query's postings.
 */
export class NaiveBayes {
  private readonly index: DotIndex;
  private readonly base: Float32Array;
  private readonly logAlpha: number;
  readonly classes: number;

  constructor(vectors: readonly SparseVector[], labels: readonly number[], classes: number, dimensions: number, alpha: number) {
    const counts: Map<number, number>[] = Array.from({ length: classes }, () => new Map());
    const totals = new Float64Array(classes);
    vectors.forEach((v, i) => {
      const c = labels[i] ?? 0;
      const m = counts[c] as Map<number, number>;
      for (let j = 0; j < v.ids.length; j++) {
        const id = v.ids[j] as number;
        const x = v.values[j] as number;
        m.set(id, (m.get(id) ?? 0) + x);
        totals[c] = (totals[c] as number) + x;
      }
    });
    this.logAlpha = Math.log(alpha);
    // Per class, only features seen in it get a posting: log((n + α) / α); the rest is the shared base.
    const rows: SparseVector[] = counts.map((m) => ({
      ids: Int32Array.from(m.keys()),
      values: Float32Array.from(m.values(), (n) => Math.log((n + alpha) / alpha)),
    }));
    this.index = new DotIndex(rows, dimensions);
    this.base = Float32Array.from(totals, (t) => -Math.log(t + alpha * dimensions));
    this.classes = classes;
  }

  /** Writes P(article | text) with the given softmax temperature into `out` (length = classes). */
  posterior(q: SparseVector, temperature: number, out: Float32Array): void {
    let mass = 0;
    for (let i = 0; i < q.values.length; i++) mass += q.values[i] as number;
    for (let c = 0; c < this.classes; c++) out[c] = mass * ((this.base[c] as number) + this.logAlpha);
    this.index.forEachDot(q, (c, dot) => {
      out[c] = (out[c] as number) + dot;
    });
    let max = -Infinity;
    for (let c = 0; c < this.classes; c++) max = Math.max(max, out[c] as number);
    let z = 0;
    for (let c = 0; c < this.classes; c++) {
      const e = Math.exp(((out[c] as number) - max) / temperature);
      out[c] = e;
      z += e;
    }
    for (let c = 0; c < this.classes; c++) out[c] = (out[c] as number) / z;
  }
}
