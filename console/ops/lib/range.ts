/** The period and site the dashboard shows, and how it becomes a query string. */

export type Preset = 7 | 30 | 90;
export const PRESETS: readonly Preset[] = [7, 30, 90];

export type RangeChoice = { kind: 'preset'; days: Preset } | { kind: 'custom'; from: string; to: string };

export interface OpsQuery {
  /** A calendar date (local midnight in `tz`). */
  from: string;
  /** A calendar date, included whole; absent means "up to now". */
  to: string | null;
  tz: string;
  site: string | null;
  /** How long a resolution must hold to count as durable; absent: the server's default (7). */
  durableDays?: number;
}

/** The durability windows the dashboard offers (the API takes 1–90). */
export const DURABLE_DAYS: readonly number[] = [7, 14, 30, 90];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The browser's IANA time zone; the server buckets days and hours in it. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(at: Date, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at).map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}`;
}

/** Calendar arithmetic on YYYY-MM-DD, free of time zones. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * "Last N days" is today and the N − 1 days before it, up to now: the chart shows N whole
 * calendar days and the server compares it with the equally long stretch right before.
 */
export function toQuery(choice: RangeChoice, now: Date, tz: string, site: string | null): OpsQuery {
  if (choice.kind === 'preset') return { from: addDays(localDate(now, tz), 1 - choice.days), to: null, tz, site };
  return { from: choice.from, to: choice.to, tz, site };
}

/** Why a custom range cannot be asked for, or null when it can. */
export function customRangeProblem(from: string, to: string): 'missing' | 'order' | 'tooLong' | null {
  if (!DATE.test(from) || !DATE.test(to)) return 'missing';
  if (from > to) return 'order';
  // The server refuses spans over 366 days.
  if (addDays(from, 365) < to) return 'tooLong';
  return null;
}

export function queryString(q: OpsQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: q.from, tz: q.tz });
  if (q.to) params.set('to', q.to);
  if (q.site) params.set('site', q.site);
  if (q.durableDays) params.set('durableDays', String(q.durableDays));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
