import type { SparseVector } from './vectors';

/** Training knobs of the softmax model; see `RankerConfig.linear*`. */
export interface LinearOptions {
  epochs: number;
  /** Initial AdaGrad step size. */
  rate: number;
  /** Probability below which a class gets no update (and above 1 − which an example is skipped). */
  skip: number;
}

/** At most 8 M weights (32 MB); CLINC150 needs 6.3 M (42,000 features × 150 articles). */
const MAX_WEIGHTS = 8_000_000;

/** Deterministic shuffle (mulberry32), so a KB always trains to the same model. */
function shuffle(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    const x = order[i] as number;
    order[i] = order[j] as number;
    order[j] = x;
  }
  return order;
}

/**
 * Multinomial logistic regression over the ranker's sparse features, trained at load time with
 * AdaGrad. Naive Bayes counts how often a feature occurs in an article; this model learns how much
 * a feature tells one article from the others it gets confused with, which is what ranks CLINC's
 * near-duplicate intents ("card declined" vs "card lost"). Weights are one dense row of `classes`
 * floats per feature: training and scoring touch only the rows of the text's features. Features
 * share rows (id modulo the row count) when the matrix would exceed `MAX_WEIGHTS`.
 */
export class SoftmaxModel {
  private readonly w: Float32Array;
  private readonly rows: number;

  constructor(
    vectors: readonly SparseVector[],
    labels: readonly number[],
    readonly classes: number,
    dimensions: number,
    opts: LinearOptions,
  ) {
    const C = classes;
    this.rows = Math.max(1, Math.min(dimensions, Math.floor(MAX_WEIGHTS / C)));
    this.w = new Float32Array(this.rows * C);
    const g2 = new Float32Array(this.rows);
    const p = new Float64Array(C);
    const active = new Int32Array(C);
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const order = shuffle(vectors.length, 17 + epoch);
      for (let k = 0; k < order.length; k++) {
        const i = order[k] as number;
        const x = vectors[i] as SparseVector;
        const y = labels[i] as number;
        this.logits(x, p);
        softmaxInPlace(p);
        // An example the model already gets right with near certainty has a negligible gradient.
        if ((p[y] as number) > 1 - opts.skip) continue;
        p[y] = (p[y] as number) - 1;
        // Only classes with a noticeable probability get updated: after the first epoch that is a
        // handful of confusable articles, not all of them.
        let n = 0;
        let err2 = 0;
        for (let c = 0; c < C; c++) {
          const g = p[c] as number;
          if (g > opts.skip || g < -opts.skip) {
            active[n++] = c;
            err2 += g * g;
          }
        }
        for (let j = 0; j < x.ids.length; j++) {
          const f = (x.ids[j] as number) % this.rows;
          const v = x.values[j] as number;
          // AdaGrad with one accumulator per feature row: a rare feature keeps a large step, a common one settles.
          const acc = (g2[f] as number) + v * v * err2;
          g2[f] = acc;
          const step = (opts.rate * v) / Math.sqrt(acc);
          const row = f * C;
          for (let a = 0; a < n; a++) {
            const c = active[a] as number;
            this.w[row + c] = (this.w[row + c] as number) - step * (p[c] as number);
          }
        }
      }
    }
  }

  /** Raw class scores W·x into `out` (no bias: every article is equally likely a priori). */
  logits(x: SparseVector, out: Float64Array | Float32Array): void {
    const C = this.classes;
    out.fill(0);
    for (let j = 0; j < x.ids.length; j++) {
      const row = ((x.ids[j] as number) % this.rows) * C;
      const v = x.values[j] as number;
      for (let c = 0; c < C; c++) out[c] = (out[c] as number) + v * (this.w[row + c] as number);
    }
  }

  /** P(article | text) with the given softmax temperature into `out`. */
  posterior(x: SparseVector, temperature: number, out: Float32Array): void {
    this.logits(x, out);
    if (temperature !== 1) for (let c = 0; c < this.classes; c++) out[c] = (out[c] as number) / temperature;
    softmaxInPlace(out);
  }
}

function softmaxInPlace(p: Float64Array | Float32Array): void {
  let max = -Infinity;
  for (let c = 0; c < p.length; c++) max = Math.max(max, p[c] as number);
  let z = 0;
  for (let c = 0; c < p.length; c++) {
    const e = Math.exp((p[c] as number) - max);
    p[c] = e;
    z += e;
  }
  for (let c = 0; c < p.length; c++) p[c] = (p[c] as number) / z;
}
