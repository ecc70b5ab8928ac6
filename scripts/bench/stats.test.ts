import { describe, expect, it } from 'vitest';
import { summarise } from './stats';

describe('latency summary', () => {
  it('takes nearest-rank percentiles, so p99 of 100 samples is the 99th smallest', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(summarise(samples)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('reports the single sample for every percentile, and nulls when nothing was measured', () => {
    expect(summarise([7.123])).toEqual({ count: 1, p50: 7.12, p90: 7.12, p99: 7.12, max: 7.12 });
    expect(summarise([])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });
});
