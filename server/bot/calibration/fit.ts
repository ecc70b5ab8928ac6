/**
 * Weighted logistic regression with a Gaussian prior around a starting calibration (maximum a
 * posteriori, by Newton's method). With few held-out questions the prior keeps the fit near the
 * calibration fitted on CLINC150; with thousands the KB's own data decides.
 */
export interface LabelledFeatures {
  /** Features without the constant (the bias is added here). */
  x: readonly number[];
  y: boolean;
  weight: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = (m[c] as number[])[c] as number;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((m[r] as number[])[c] as number) / pivot;
      for (let k = c; k <= n; k++) (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[c] as number[])[k] as number);
    }
  }
  return m.map((row, i) => (Math.abs(row[i] as number) < 1e-12 ? 0 : (row[n] as number) / (row[i] as number)));
}

/** Negative log posterior: weighted log loss plus the prior's penalty. */
function objective(samples: readonly LabelledFeatures[], w: readonly number[], prior: readonly number[], strength: number): number {
  let loss = 0;
  for (let j = 0; j < w.length; j++) loss += 0.5 * strength * ((w[j] as number) - (prior[j] as number)) ** 2;
  for (const s of samples) {
    let z = w[0] as number;
    for (let j = 0; j < s.x.length; j++) z += (w[j + 1] as number) * (s.x[j] as number);
    // log(1 + e^(−z)) for a positive label, log(1 + e^z) for a negative one, computed without overflow.
    const m = s.y ? -z : z;
    loss += s.weight * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
  }
  return loss;
}

/**
 * Returns [bias, ...weights]. `prior` is the same shape; `strength` is the prior's precision per
 * parameter, in units of one fully weighted sample.
 */
export function fitLogistic(samples: readonly LabelledFeatures[], prior: readonly number[], strength: number, iterations = 25): number[] {
  const d = prior.length;
  let w = [...prior];
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wi, j) => strength * (wi - (prior[j] as number)));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? strength : 0)));
    for (const s of samples) {
      const f = [1, ...s.x];
      let z = 0;
      for (let j = 0; j < d; j++) z += (w[j] as number) * (f[j] as number);
      const p = 1 / (1 + Math.exp(-z));
      const g = s.weight * (p - (s.y ? 1 : 0));
      const h = s.weight * Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < d; i++) {
        grad[i] = (grad[i] as number) + g * (f[i] as number);
        const row = hess[i] as number[];
        for (let j = 0; j < d; j++) row[j] = (row[j] as number) + h * (f[i] as number) * (f[j] as number);
      }
    }
    const step = solve(hess, grad);
    // Damped: halve the Newton step until the objective does not rise (separable data would diverge).
    const before = objective(samples, w, prior, strength);
    let scale = 1;
    let next = w.map((wi, j) => wi - (step[j] as number));
    while (scale > 1e-4 && objective(samples, next, prior, strength) > before) {
      scale /= 2;
      next = w.map((wi, j) => wi - scale * (step[j] as number));
    }
    w = next;
    if (step.every((s) => Math.abs(s * scale) < 1e-6)) break;
  }
  return w;
}
