import { z } from 'zod';
import { lineText, SiteKey } from '../../shared/text';
import { AppError } from '../../shared/errors';

const DAY_MS = 86_400_000;
/** The longest range a query may span; longer asks would load too much history at once. */
export const MAX_RANGE_DAYS = 366;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date part must exist (JavaScript would turn 30 February into 2 March). */
const realDate = (s: string): boolean => {
  const day = s.slice(0, 10);
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
};

const DateParam = z
  .string()
  .trim()
  .refine((s) => (DATE_ONLY.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success) && realDate(s), {
    message: 'must be a date (2025-03-01) or an ISO date-time with a zone (2025-03-01T00:00:00Z)',
  });

/** The query string every metrics route accepts. */
export const MetricsQuery = z.object({
  from: DateParam.optional(),
  to: DateParam.optional(),
  site: SiteKey.optional(),
  tz: lineText().trim().max(64).refine(validTimeZone, { message: 'is not a known IANA time zone such as Europe/London' }).default('UTC'),
  format: z.enum(['json', 'csv']).default('json'),
  /** Days after a resolution in which a new chat on the same topic means it was not first-contact resolved. */
  fcrDays: z.coerce.number().int().min(1).max(90).default(7),
  /** Days a resolution must hold (not reopened, no return on the same topic) to count as durable. */
  durableDays: z.coerce.number().int().min(1).max(90).default(7),
  /** Minutes without activity after which a conversation still with the bot counts as ended. */
  inactivityMinutes: z.coerce.number().int().min(5).max(1_440).default(30),
  /** Which volume table a CSV export holds. */
  by: z.enum(['day', 'hour', 'weekday_hour']).default('day'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

export interface Period { from: Date; to: Date }

export interface Range extends Period {
  tz: string;
  /** The period of equal length right before, for "change against the previous period". */
  previous: Period;
}

/** Offset of `tz` from UTC at instant `ms`, in ms (positive east of Greenwich). */
function zoneOffset(ms: number, tz: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Local midnight of a calendar date in `tz`, as an instant (correct across DST changes). */
export function localMidnight(date: string, tz: string, addDays = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d + addDays);
  const first = guess - zoneOffset(guess, tz);
  return new Date(guess - zoneOffset(first, tz));
}

/**
 * Resolves the requested range. A date-only `from` is that day's local midnight; a date-only `to`
 * includes that whole day. Defaults: the 30 days up to now.
 */
export function resolveRange(q: Pick<MetricsQuery, 'from' | 'to' | 'tz'>, now: Date): Range {
  const parse = (s: string, end: boolean) => (DATE_ONLY.test(s) ? localMidnight(s, q.tz, end ? 1 : 0) : new Date(s));
  const to = q.to ? parse(q.to, true) : now;
  const from = q.from ? parse(q.from, false) : new Date(to.getTime() - 30 * DAY_MS);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError('bad_request', 'from/to is not a real date');
  if (from.getTime() >= to.getTime()) throw new AppError('bad_request', `from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw new AppError('bad_request', `the range may span at most ${MAX_RANGE_DAYS} days`);
  const length = to.getTime() - from.getTime();
  return { from, to, tz: q.tz, previous: { from: new Date(from.getTime() - length), to: from } };
}

/** Parses a metrics query string into typed options or a 400 naming the first bad parameter. */
export function parseMetricsQuery(query: unknown): MetricsQuery {
  const r = MetricsQuery.safeParse(query ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AppError('bad_request', `${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  return r.data;
}

/** Local calendar fields of an instant in `tz`, for the day/hour tables. */
export function localParts(tz: string): (ms: number) => { date: string; hour: number; weekday: number } {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' });
  const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  return (ms) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), weekday: weekdays[String(p.weekday)] ?? 0 };
  };
}
