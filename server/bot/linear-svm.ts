import type { Work } from './sliced';
import type { SparseVector } from './vectors';

/** Training knobs of the SVM; see `RankerConfig.linear*`. */
export interface SvmOptions {
  /** Regularisation: higher fits the examples more closely. */
  c: number;
  /** Passes over the examples at most (it stops earlier once converged). */
  passes: number;
}

/** Stop when the largest projected gradient minus the smallest is below this (liblinear's default). */
const TOLERANCE = 0.1;

/** At most 8 M weights (32 MB); CLINC150 needs about 7 M (48,000 features × 150 articles). */
const MAX_WEIGHTS = 8_000_000;

/** Deterministic shuffle (mulberry32) of `order` in place, so a KB always trains to the same model. */
function shuffle(order: Int32Array, length: number, seed: number): void {
  let s = seed;
  for (let i = length - 1; i > 0; i--) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    const x = order[i] as number;
    order[i] = order[j] as number;
    order[j] = x;
  }
}

/**
 * One-vs-rest linear SVMs (squared hinge loss, L2 regularisation, a bias per article), trained at
 * load time by dual coordinate descent with shrinking, the method of liblinear (Hsieh et al.,
 * 2008). All articles' problems advance together, one example at a time; after the first pass an
 * example only revisits the articles it is a support vector of or still violates the margin of
 * (about 5 of 150 on CLINC150), which makes the later passes cheap. The margin loss suits intent
 * ranking better than softmax: on CLINC150 val it ranked 0.93 right against 0.92 for logistic
 * regression on the same features.
 *
 * Weights are stored one row of `classes` floats per feature, so scoring a message touches only
 * the rows of its features. Features share rows (id modulo the row count) above `MAX_WEIGHTS`.
 */
export class LinearSvm {
  private constructor(
    private readonly w: Float32Array,
    private readonly bias: Float32Array,
    private readonly rows: number,
    readonly classes: number,
  ) {}

  /** Trains the model; pauses (yields) every few hundred examples (see `sliced.ts`). */
  static *train(
    vectors: readonly SparseVector[],
    labels: readonly number[],
    classes: number,
    dimensions: number,
    opts: SvmOptions,
  ): Work<LinearSvm> {
    const C = classes;
    const n = vectors.length;
    const rows = Math.max(1, Math.min(dimensions, Math.floor(MAX_WEIGHTS / C)));
    const w = new Float32Array(rows * C);
    const bias = new Float32Array(C);
    const rowsOf = vectors.map((v) => (rows === dimensions ? v.ids : v.ids.map((id) => id % rows)));
    const diag = 0.5 / opts.c;
    // ‖x‖² + 1 (the bias feature) + the squared-hinge diagonal.
    const qd = Float64Array.from(vectors, (v) => v.values.reduce((s, x) => s + x * x, 0) + 1 + diag);
    // One dual variable per example and article. All articles' problems advance together, so an
    // example's decision values for every article come from one pass over its feature rows.
    const alpha = new Float32Array(n * C);
    const dot = new Float64Array(C);
    const delta = new Float64Array(C);
    const changed = new Int32Array(C);
    const keep = new Int32Array(C);
    const everyArticle = Int32Array.from({ length: C }, (_, c) => c);
    // After the first pass, each example keeps only the articles it is a support vector of or
    // violates the margin of (shrinking, as in liblinear): about 5 of 150 on CLINC150.
    const near: Int32Array[] = vectors.map(() => everyArticle);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let pass = 0; pass < opts.passes; pass++) {
      // The first pass checks every example against every article; later passes only revisit the
      // pairs that were support vectors or violated the margin at the end of it.
      const full = pass === 0;
      const collect = full;
      shuffle(order, n, 17 + pass);
      let maxPg = -Infinity;
      let minPg = Infinity;
      for (let s = 0; s < n; s++) {
        if ((s & 255) === 255) yield;
        const i = order[s] as number;
        const ids = rowsOf[i] as Int32Array;
        const xs = (vectors[i] as SparseVector).values;
        const y = labels[i] as number;
        const cs = near[i] as Int32Array;
        const K = cs.length;
        if (full) {
          dot.set(bias);
          for (let k = 0; k < ids.length; k++) {
            const row = (ids[k] as number) * C;
            const v = xs[k] as number;
            for (let c = 0; c < C; c++) dot[c] = (dot[c] as number) + v * (w[row + c] as number);
          }
        } else {
          for (let j = 0; j < K; j++) dot[j] = bias[cs[j] as number] as number;
          for (let k = 0; k < ids.length; k++) {
            const row = (ids[k] as number) * C;
            const v = xs[k] as number;
            for (let j = 0; j < K; j++) dot[j] = (dot[j] as number) + v * (w[row + (cs[j] as number)] as number);
          }
        }
        const q = qd[i] as number;
        const base = i * C;
        let m = 0;
        let kept = 0;
        for (let j = 0; j < K; j++) {
          const c = cs[j] as number;
          const sign = c === y ? 1 : -1;
          const a = alpha[base + c] as number;
          const g = sign * (dot[j] as number) - 1 + diag * a;
          // At alpha 0 a positive gradient cannot move it (it is on the right side of the margin).
          const pg = a === 0 && g > 0 ? 0 : g;
          if (pg > maxPg) maxPg = pg;
          if (pg < minPg) minPg = pg;
          let next = a;
          if (pg > 1e-12 || pg < -1e-12) {
            next = Math.max(a - g / q, 0);
            alpha[base + c] = next;
            delta[m] = (next - a) * sign;
            changed[m++] = c;
            bias[c] = (bias[c] as number) + (next - a) * sign;
          }
          if (collect && (next > 0 || g < 0)) keep[kept++] = c;
        }
        if (collect) near[i] = keep.slice(0, kept);
        if (m === 0) continue;
        for (let k = 0; k < ids.length; k++) {
          const row = (ids[k] as number) * C;
          const v = xs[k] as number;
          for (let j = 0; j < m; j++) {
            const c = changed[j] as number;
            w[row + c] = (w[row + c] as number) + (delta[j] as number) * v;
          }
        }
      }
      if (maxPg - minPg <= TOLERANCE) break;
    }
    return new LinearSvm(w, bias, rows, classes);
  }

  /** Decision values W·x + b into `out`. */
  scores(x: SparseVector, out: Float32Array | Float64Array): void {
    const C = this.classes;
    out.set(this.bias);
    for (let j = 0; j < x.ids.length; j++) {
      const row = ((x.ids[j] as number) % this.rows) * C;
      const v = x.values[j] as number;
      for (let c = 0; c < C; c++) out[c] = (out[c] as number) + v * (this.w[row + c] as number);
    }
  }

  /**
   * Per article, how strongly the model claims the text: sigmoid(decision value / scale). Not
   * normalised over articles, unlike a softmax: a message no article claims (out of scope) keeps
   * low values everywhere instead of a confident-looking winner (docs/BOT.md).
   */
  claims(x: SparseVector, scale: number, out: Float32Array): void {
    this.scores(x, out);
    for (let c = 0; c < this.classes; c++) out[c] = 1 / (1 + Math.exp(-(out[c] as number) / scale));
  }
}
