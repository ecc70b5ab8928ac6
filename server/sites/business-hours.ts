import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'times are HH:MM, 00:00–24:00');
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Day = (typeof DAYS)[number];

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * When a site's team answers chats, in the site's time zone: e.g.
 * `{ timeZone: 'Europe/London', days: { mon: [['09:00', '17:30']], sat: [['10:00', '14:00']] } }`.
 * A day not listed is closed. Outside these hours visitors are told so and can leave a message.
 */
export const BusinessHours = z.object({
  timeZone: z.string().refine(validTimeZone, 'unknown time zone'),
  days: z.partialRecord(z.enum(DAYS), z.array(z.tuple([Time, Time]).refine(([a, b]) => a < b, 'an interval must end after it starts')).max(6)),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

/** Whether `at` falls inside the hours; no hours configured means always open. */
export function isOpen(hours: BusinessHours | null, at: Date = new Date()): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Day;
  const now = `${get('hour')}:${get('minute')}`;
  return (hours.days[day] ?? []).some(([from, to]) => now >= from && now < to);
}
