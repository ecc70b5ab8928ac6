import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { toCsv } from './csv';
import { localMidnight, parseMetricsQuery, resolveRange } from './range';
import { percentile } from './stats';

const NOW = new Date('2025-06-15T12:00:00Z');
const range = (q: Record<string, string>) => resolveRange(parseMetricsQuery(q), NOW);
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : String(e);
  }
  return 'no error';
};

describe('metrics query strings', () => {
  it('reads date-only bounds as whole local days, across a DST change', () => {
    const r = range({ from: '2025-03-30', to: '2025-03-30', tz: 'Europe/London' });
    // The clocks go forward that day: it is 23 hours long.
    expect([r.from.toISOString(), r.to.toISOString()]).toEqual(['2025-03-30T00:00:00.000Z', '2025-03-30T23:00:00.000Z']);
    expect(r.previous).toEqual({ from: new Date('2025-03-29T01:00:00.000Z'), to: r.from });
    expect(localMidnight('2025-07-01', 'America/New_York').toISOString()).toBe('2025-07-01T04:00:00.000Z');
  });

  it('defaults to the 30 days up to now', () => {
    const r = range({});
    expect([r.from.toISOString(), r.to.toISOString()]).toEqual(['2025-05-16T12:00:00.000Z', '2025-06-15T12:00:00.000Z']);
  });

  it('refuses bad dates, reversed or empty ranges, ranges over a year and unknown zones with a clear message', () => {
    expect(message(() => range({ from: 'yesterday' }))).toBe('bad_request: from: must be a date (2025-03-01) or an ISO date-time with a zone (2025-03-01T00:00:00Z)');
    expect(message(() => range({ from: '2025-02-30' }))).toMatch(/^bad_request: from/);
    expect(message(() => range({ from: '2025-03-02', to: '2025-03-01' }))).toBe('bad_request: from (2025-03-02T00:00:00.000Z) must be before to (2025-03-02T00:00:00.000Z)');
    expect(message(() => range({ from: '2024-01-01', to: '2025-01-02' }))).toBe('bad_request: the range may span at most 366 days');
    expect(message(() => range({ from: '2024-01-01', to: '2024-12-31' }))).toBe('no error');
    expect(message(() => range({ tz: 'Mars/Olympus' }))).toBe('bad_request: tz: is not a known IANA time zone such as Europe/London');
    expect(message(() => range({ fcrDays: '0' }))).toMatch(/^bad_request: fcrDays/);
  });
});

describe('CSV and percentiles', () => {
  it('quotes separators and defuses spreadsheet formulas from visitor text', () => {
    expect(toCsv(['a', 'b'], [['=HYPERLINK("x")', 'say "hi", ok'], [1.23456789, null]])).toBe('a,b\r\n"\'=HYPERLINK(""x"")","say ""hi"", ok"\r\n1.2346,\r\n');
    expect(toCsv(['n'], [[-3]])).toBe('n\r\n-3\r\n');
  });

  it('interpolates percentiles like PostgreSQL percentile_cont', () => {
    expect(percentile([10, 1, 2], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7);
    expect(percentile([], 0.5)).toBeNull();
  });
});
