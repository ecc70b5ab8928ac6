import { expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

it('allows the burst, refuses the next with the wait, and refills over time, per key', () => {
  let now = 0;
  const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5 }, () => now);
  expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
  expect(buckets.take('a')).toBe(2_000);
  expect(buckets.take('b')).toBe(0);
  now = 2_000;
  expect(buckets.take('a')).toBe(0);
  expect(buckets.take('a')).toBeGreaterThan(0);
});

it('forgets keys whose buckets are full again', () => {
  let now = 0;
  const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1 }, () => now);
  buckets.take('a');
  buckets.take('b');
  now = 5_000;
  buckets.sweep();
  expect(buckets.size).toBe(0);
});
