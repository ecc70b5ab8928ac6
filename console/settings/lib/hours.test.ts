import { describe, expect, it } from 'vitest';
import { badDays, draftOf, hoursOf, knownTimeZone } from './hours';

describe('business hours form', () => {
  it('starts as "always open" with weekdays 9–5 ready, and round-trips saved hours', () => {
    const fresh = draftOf(null, 'Europe/Madrid');
    expect(fresh.always).toBe(true);
    expect(hoursOf({ ...fresh, always: false })).toEqual({
      timeZone: 'Europe/Madrid',
      days: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
    });
    const saved = { timeZone: 'UTC', days: { sat: [['10:00', '14:00']] as Array<[string, string]> } };
    expect(hoursOf(draftOf(saved, 'Europe/Madrid'))).toEqual(saved);
    expect(hoursOf(fresh)).toBeNull();
  });
  it('names the days whose closing time is not after the opening time', () => {
    const d = draftOf(null, 'UTC');
    d.always = false;
    d.days.tue = { open: true, from: '17:00', to: '09:00' };
    d.days.sun = { open: false, from: '17:00', to: '09:00' };
    expect(badDays(d)).toEqual(['tue']);
  });
  it('knows real time zones only', () => {
    expect(knownTimeZone('America/New_York')).toBe(true);
    expect(knownTimeZone('Mars/Olympus')).toBe(false);
    expect(knownTimeZone('')).toBe(false);
  });
});
