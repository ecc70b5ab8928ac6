import { describe, expect, it } from 'vitest';
import { badDays, draftOf, hoursOf, knownTimeZone } from './hours';
import { toOrigin } from './origins';
import { generatePassword } from './password';

describe('toOrigin', () => {
  it('keeps scheme, host and port, and drops paths', () => {
    expect(toOrigin(' https://shop.example.com/some/page?x=1 ')).toBe('https://shop.example.com');
    expect(toOrigin('http://localhost:8080')).toBe('http://localhost:8080');
  });
  it('refuses what a browser never sends as an origin', () => {
    for (const bad of ['', 'shop.example.com', 'ftp://files.example', 'javascript:alert(1)', 'https://user:pw@shop.example']) expect(toOrigin(bad), bad).toBeNull();
  });
});

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

describe('generatePassword', () => {
  it('makes 16 characters without look-alikes, different each time', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(generatePassword()).not.toBe(a);
  });
  it('draws again for bytes that would favour some letters', () => {
    let calls = 0;
    // First call: only bytes at or above the cut-off (discarded); then zeros, which map to "a".
    const random = (a: Uint8Array) => a.fill(calls++ === 0 ? 255 : 0);
    expect(generatePassword(4, random)).toBe('aaaa');
    expect(calls).toBe(2);
  });
});
