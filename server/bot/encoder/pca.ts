/**
 * Principal components of a set of rows, computed the same way every time: the covariance in
 * float64, summed in row order, and its eigenvectors by the cyclic Jacobi method (a fixed sweep
 * order, no random start). Each component's sign is fixed so that its largest entry is positive.
 * Same input, same bytes out: the distilled encoder's table must be reproducible (`distil.ts`).
 */
export interface Pca {
  /** The mean row, subtracted before projecting. */
  mean: Float64Array;
  /** `k` components of length `dimensions`, row-major, largest variance first. */
  components: Float64Array;
  /** The variance along each component. */
  variances: Float64Array;
  k: number;
  dimensions: number;
}

/** The top `k` principal components of `rows` (each of length `dimensions`). */
export function pca(rows: readonly Float32Array[], dimensions: number, k: number): Pca {
  const n = dimensions;
  const mean = new Float64Array(n);
  for (const r of rows) for (let j = 0; j < n; j++) mean[j] = (mean[j] as number) + (r[j] as number);
  for (let j = 0; j < n; j++) mean[j] = (mean[j] as number) / Math.max(1, rows.length);

  const cov = new Float64Array(n * n);
  const centred = new Float64Array(n);
  for (const r of rows) {
    for (let j = 0; j < n; j++) centred[j] = (r[j] as number) - (mean[j] as number);
    for (let i = 0; i < n; i++) {
      const ci = centred[i] as number;
      if (ci === 0) continue;
      const at = i * n;
      for (let j = i; j < n; j++) cov[at + j] = (cov[at + j] as number) + ci * (centred[j] as number);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = (cov[i * n + j] as number) / Math.max(1, rows.length - 1);
      cov[i * n + j] = v;
      cov[j * n + i] = v;
    }
  }
  const { values, vectors } = jacobiEigen(cov, n);
  const order = [...values.keys()].sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const kept = Math.min(k, n);
  const components = new Float64Array(kept * n);
  const variances = new Float64Array(kept);
  for (let c = 0; c < kept; c++) {
    const col = order[c] as number;
    variances[c] = values[col] as number;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      const v = vectors[i * n + col] as number;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) components[c * n + i] = sign * (vectors[i * n + col] as number);
  }
  return { mean, components, variances, k: kept, dimensions: n };
}

/** `row` projected onto the components (after subtracting the mean), into `out`. */
export function project(p: Pca, row: Float32Array, out: Float64Array): Float64Array {
  const n = p.dimensions;
  for (let c = 0; c < p.k; c++) {
    let s = 0;
    const at = c * n;
    for (let j = 0; j < n; j++) s += ((row[j] as number) - (p.mean[j] as number)) * (p.components[at + j] as number);
    out[c] = s;
  }
  return out;
}

/** Sweeps after which Jacobi stops even if the off-diagonal mass is not yet negligible (it converges in ~10). */
const MAX_SWEEPS = 50;

/**
 * Eigen-decomposition of a symmetric n×n matrix (row-major; destroyed) by cyclic Jacobi rotations
 * (Numerical Recipes' update). Returns the eigenvalues and the eigenvectors as the columns of a
 * row-major n×n matrix. Rows p and q are updated in place and mirrored into the columns, and the
 * eigenvectors are kept as rows while rotating, so the inner loops read memory in order.
 */
export function jacobiEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += (a[i] as number) ** 2;
  const tolerance = 1e-22 * Math.max(scale, Number.MIN_VALUE);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off <= tolerance) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const pn = p * n;
        const qn = q * n;
        const apq = a[pn + q] as number;
        if (apq === 0) continue;
        const app = a[pn + p] as number;
        const aqq = a[qn + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta < 0 ? -1 : 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const akp = a[pn + k] as number;
          const akq = a[qn + k] as number;
          const np = c * akp - s * akq;
          const nq = s * akp + c * akq;
          a[pn + k] = np;
          a[qn + k] = nq;
          a[k * n + p] = np;
          a[k * n + q] = nq;
        }
        a[pn + p] = app - t * apq;
        a[qn + q] = aqq + t * apq;
        a[pn + q] = 0;
        a[qn + p] = 0;
        for (let k = 0; k < n; k++) {
          const vp = vt[pn + k] as number;
          const vq = vt[qn + k] as number;
          vt[pn + k] = c * vp - s * vq;
          vt[qn + k] = s * vp + c * vq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    values[i] = a[i * n + i] as number;
    for (let k = 0; k < n; k++) vectors[k * n + i] = vt[i * n + k] as number;
  }
  return { values, vectors };
}
