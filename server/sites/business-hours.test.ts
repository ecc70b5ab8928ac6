import { describe, expect, it } from 'vitest';
import { BusinessHours, isOpen } from './business-hours';

const london = BusinessHours.parse({ timeZone: 'Europe/London', days: { mon: [['09:00', '12:00'], ['13:00', '17:30']], sat: [['10:00', '24:00']] } });

describe('business hours', () => {
  it.each([
    ['Monday 08:59 London (winter, UTC)', '2026-11-23T08:59:00Z', false],
    ['Monday 09:00', '2026-11-23T09:00:00Z', true],
    ['Monday lunch', '2026-11-23T12:30:00Z', false],
    ['Monday 17:29', '2026-11-23T17:29:00Z', true],
    ['Monday 17:30 (end is exclusive)', '2026-11-23T17:30:00Z', false],
    ['Tuesday (not listed: closed)', '2026-11-24T10:00:00Z', false],
    ['Saturday late evening', '2026-11-28T23:59:00Z', true],
    ['Monday 09:30 BST is 08:30 UTC (summer time)', '2026-06-01T08:30:00Z', true],
  ])('%s → open: %s', (_name, at, open) => {
    expect(isOpen(london, new Date(at))).toBe(open);
  });

  it('is always open without hours', () => {
    expect(isOpen(null)).toBe(true);
  });

  it('refuses unknown time zones, bad times and backwards intervals', () => {
    expect(BusinessHours.safeParse({ timeZone: 'Mars/Olympus', days: {} }).success).toBe(false);
    expect(BusinessHours.safeParse({ timeZone: 'UTC', days: { mon: [['9:00', '17:00']] } }).success).toBe(false);
    expect(BusinessHours.safeParse({ timeZone: 'UTC', days: { mon: [['17:00', '09:00']] } }).success).toBe(false);
    expect(BusinessHours.safeParse({ timeZone: 'UTC', days: { funday: [['09:00', '10:00']] } }).success).toBe(false);
  });
});
