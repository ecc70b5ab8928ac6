import { describe, expect, it } from 'vitest';
import { makeFormats } from './format';
import { addDays, customRangeProblem, localDate, queryString, toQuery } from './range';

describe('range', () => {
  const now = new Date('2025-03-10T23:30:00Z');

  it('makes "last N days" today and the N − 1 days before, in the browser time zone', () => {
    // Already 11 March in Madrid, still 10 March in New York.
    expect(toQuery({ kind: 'preset', days: 7 }, now, 'Europe/Madrid', null)).toEqual({ from: '2025-03-05', to: null, tz: 'Europe/Madrid', site: null });
    expect(toQuery({ kind: 'preset', days: 30 }, now, 'America/New_York', 'demo').from).toBe('2025-02-09');
    expect(localDate(now, 'Asia/Tokyo')).toBe('2025-03-11');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('checks a custom range before asking for it', () => {
    expect(customRangeProblem('2025-03-01', '2025-03-31')).toBeNull();
    expect(customRangeProblem('', '2025-03-31')).toBe('missing');
    expect(customRangeProblem('2025-04-01', '2025-03-31')).toBe('order');
    expect(customRangeProblem('2024-01-01', '2025-01-01')).toBe('tooLong');
    expect(customRangeProblem('2024-01-02', '2025-01-01')).toBeNull();
  });

  it('puts only what is set into the query string', () => {
    expect(queryString({ from: '2025-03-01', to: null, tz: 'Europe/Madrid', site: null })).toBe('from=2025-03-01&tz=Europe%2FMadrid');
    expect(queryString({ from: '2025-03-01', to: '2025-03-31', tz: 'UTC', site: 'demo' }, { by: 'hour' })).toBe('from=2025-03-01&tz=UTC&to=2025-03-31&site=demo&by=hour');
    expect(queryString({ from: '2025-03-01', to: null, tz: 'UTC', site: null, durableDays: 30 })).toBe('from=2025-03-01&tz=UTC&durableDays=30');
  });
});

describe('formats', () => {
  const f = makeFormats('en', 'UTC');

  it('writes durations the way people say them', () => {
    expect([400, 9_960, 45_200, 119_600, 200_000, 3_900_000].map((ms) => f.duration(ms))).toEqual(['0.4 s', '10.0 s', '45 s', '2 min 0 s', '3 min 20 s', '1 h 5 min']);
    expect(f.duration(null)).toBe('—');
  });

  it('formats rates, ratings and calendar days without shifting the day', () => {
    expect(f.percent(0.333)).toBe('33.3%');
    expect(f.rating(4)).toBe('4.0');
    expect(makeFormats('en', 'Pacific/Auckland').date('2025-03-01')).toBe('Mar 1');
  });
});
