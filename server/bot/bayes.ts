import { DotIndex } from './dot-index';
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

  /** `sums[c]` is the sum of class c's example vectors (see `groupSums`). */
  constructor(sums: readonly SparseVector[], dimensions: number, alpha: number) {
    this.logAlpha = Math.log(alpha);
    // Per class, only features seen in it get a posting: log((n + α) / α); the rest is the shared base.
    const rows: SparseVector[] = sums.map((m) => ({ ids: m.ids, values: m.values.map((n) => Math.log((n + alpha) / alpha)) }));
    this.index = new DotIndex(rows, dimensions);
    this.base = Float32Array.from(sums, (m) => {
      let t = 0;
      for (const x of m.values) t += x;
      return -Math.log(t + alpha * dimensions);
    });
    this.classes = sums.length;
  }

  /** Writes P(article | text) into `out` (length = classes). */
  posterior(q: SparseVector, out: Float32Array): void {
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
      const e = Math.exp((out[c] as number) - max);
      out[c] = e;
      z += e;
    }
    for (let c = 0; c < this.classes; c++) out[c] = (out[c] as number) / z;
  }
}
