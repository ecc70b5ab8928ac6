import { describe, expect, it } from 'vitest';
import { BusinessHours } from './business-hours';
import { nextOpening } from './next-opening';

const hours = BusinessHours.parse({ timeZone: 'Europe/Madrid', days: { mon: [['09:00', '17:00']], tue: [['09:00', '13:00'], ['15:00', '18:00']], sat: [['10:00', '14:00']] } });

describe('nextOpening', () => {
  it('is null while open or with no hours set', () => {
    expect(nextOpening(null, Date.parse('2026-12-07T10:00:00Z'))).toBeNull();
    // Monday 11:00 in Madrid (UTC+1 in December).
    expect(nextOpening(hours, Date.parse('2026-12-07T10:00:00Z'))).toBeNull();
  });

  it('finds the next start later the same day, the next day, and across the weekend, in the site time zone', () => {
    // Tuesday 14:00 Madrid: the afternoon interval at 15:00.
    expect(new Date(nextOpening(hours, Date.parse('2026-12-08T13:00:00Z'))!).toISOString()).toBe('2026-12-08T14:00:00.000Z');
    // Monday 18:00 Madrid: Tuesday 09:00.
    expect(new Date(nextOpening(hours, Date.parse('2026-12-07T17:00:00Z'))!).toISOString()).toBe('2026-12-08T08:00:00.000Z');
    // Saturday 15:00 Madrid: Monday 09:00.
    expect(new Date(nextOpening(hours, Date.parse('2026-12-12T14:00:00Z'))!).toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it('follows a daylight-saving change (Madrid moves to UTC+2 on 29 March 2026)', () => {
    // Saturday 28 March 15:00 (UTC+1): Monday 30 March 09:00 is then 07:00 UTC.
    expect(new Date(nextOpening(hours, Date.parse('2026-03-28T14:00:00Z'))!).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });
});
