import { describe, expect, it } from 'vitest';
import { formatWait } from './time';

describe('formatWait', () => {
  it('shows minutes and seconds, then hours', () => {
    expect(formatWait(0)).toBe('0:00');
    expect(formatWait(42_900)).toBe('0:42');
    expect(formatWait(12 * 60_000 + 5_000)).toBe('12:05');
    expect(formatWait(3_600_000 + 2 * 60_000 + 9_000)).toBe('1:02:09');
  });
  it('never shows a negative wait when clocks disagree', () => {
    expect(formatWait(-5_000)).toBe('0:00');
  });
});
