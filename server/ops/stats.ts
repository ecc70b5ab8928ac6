/** Small statistics helpers shared by the metrics; all return null for an empty sample. */

/** Linear interpolation between closest ranks, the same as PostgreSQL's `percentile_cont`. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** p50/p90/mean/count of a sample of durations in ms, the shape every time metric uses. */
export interface Durations { count: number; p50: number | null; p90: number | null; avg: number | null }

export function durations(values: readonly number[]): Durations {
  return { count: values.length, p50: percentile(values, 0.5), p90: percentile(values, 0.9), avg: mean(values) };
}
