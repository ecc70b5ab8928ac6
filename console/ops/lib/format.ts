import type { Headline } from '../api';

/** Locale-aware number formats for the dashboard; every one shows "—" for "no data". */
export interface Formats {
  count(n: number | null): string;
  /** A ratio in [0, 1] as a percentage. */
  percent(r: number | null): string;
  /** A duration in milliseconds: "0.4 s", "45 s", "3 min 20 s", "2 h 5 min". */
  duration(ms: number | null): string;
  /** A 1–5 rating, one decimal. */
  rating(n: number | null): string;
  /** A plain decimal, as in "3.4". */
  decimal(n: number, digits?: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  /** A Net Promoter Score, −100 to 100, signed. */
  nps(n: number | null): string;
  /** A headline's value in its unit. */
  value(unit: Headline['unit'], n: number | null): string;
}

export const NO_DATA = '—';

export function makeFormats(locale: string, tz: string): Formats {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dec = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
  const day = new Intl.DateTimeFormat(locale, { timeZone: tz, day: 'numeric', month: 'short', year: 'numeric' });
  const dayTime = new Intl.DateTimeFormat(locale, { timeZone: tz, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const or = <T,>(f: (x: T) => string) => (x: T | null) => (x === null ? NO_DATA : f(x));

  const duration = or((ms: number) => {
    const s = ms / 1000;
    if (s < 10) return `${one.format(s)} s`;
    const total = Math.round(s);
    if (total < 60) return `${int.format(total)} s`;
    const m = Math.floor(total / 60);
    if (m < 60) return `${int.format(m)} min ${int.format(total % 60)} s`;
    const h = Math.floor(m / 60);
    return `${int.format(h)} h ${int.format(m - h * 60)} min`;
  });
  const formats: Formats = {
    count: or((n: number) => int.format(n)),
    percent: or((r: number) => pct.format(r)),
    duration,
    rating: or((n: number) => one.format(n)),
    nps: or((n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(n)),
    decimal: (n, digits = 1) => dec(digits).format(n),
    // A date-only string is a calendar day already: format it at noon UTC so no zone shifts it.
    date: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(new Date(`${iso}T12:00:00Z`)) : day.format(new Date(iso))),
    dateTime: (iso) => dayTime.format(new Date(iso)),
    value: (unit, n) => (unit === 'count' ? formats.count(n) : unit === 'ratio' ? formats.percent(n) : unit === 'ms' ? formats.duration(n) : unit === 'nps' ? formats.nps(n) : formats.rating(n)),
  };
  return formats;
}
