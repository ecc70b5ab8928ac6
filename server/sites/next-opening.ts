import type { BusinessHours } from './business-hours';
import { isOpen } from './business-hours';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE = 60_000;

/** The wall-clock fields of `at` in `timeZone`. */
function wallClock(at: number, timeZone: string): { y: number; m: number; d: number; weekday: number; h: number; min: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { y: +get('year'), m: +get('month'), d: +get('day'), weekday: DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3) as (typeof DAYS)[number]), h: +get('hour'), min: +get('minute') };
}

/** The instant when the wall clock in `timeZone` reads the given local time (twice-checked across a DST change). */
function instantOf(y: number, m: number, d: number, h: number, min: number, timeZone: string): number {
  const wanted = Date.UTC(y, m - 1, d, h, min);
  let at = wanted;
  for (let i = 0; i < 2; i++) {
    const seen = wallClock(at, timeZone);
    at += wanted - Date.UTC(seen.y, seen.m - 1, seen.d, seen.h, seen.min);
  }
  return at;
}

/**
 * When the team next starts answering, as an instant (ms), or null when open now or never open.
 * Looks a week and a day ahead: every listed interval start on those days is a candidate.
 */
export function nextOpening(hours: BusinessHours | null, at: number = Date.now()): number | null {
  if (!hours || isOpen(hours, new Date(at))) return null;
  const today = wallClock(at, hours.timeZone);
  let best: number | null = null;
  for (let offset = 0; offset <= 8; offset++) {
    // Noon of the day `offset` days later: never ambiguous, whatever DST does at night.
    const noon = new Date(Date.UTC(today.y, today.m - 1, today.d + offset, 12));
    const day = DAYS[noon.getUTCDay()]!;
    for (const [from] of hours.days[day] ?? []) {
      const [h, min] = from.split(':').map(Number) as [number, number];
      const start = instantOf(noon.getUTCFullYear(), noon.getUTCMonth() + 1, noon.getUTCDate(), h, min, hours.timeZone);
      if (start > at && (best === null || start < best)) best = start;
    }
    if (best !== null) return Math.ceil(best / MINUTE) * MINUTE;
  }
  return best;
}
