import { DAYS, type BusinessHours, type Day } from '../api';

/** One day of the form: open or not, and its hours (one interval a day, the common case). */
export interface DayRow {
  open: boolean;
  from: string;
  to: string;
}
export type HoursDraft = { always: boolean; timeZone: string; days: Record<Day, DayRow> };

const WEEKDAY = (open: boolean): DayRow => ({ open, from: '09:00', to: '17:00' });

/** The form's state for saved hours; none saved means "always open", with weekdays 9–5 ready to switch on. */
export function draftOf(hours: BusinessHours | null, fallbackZone: string): HoursDraft {
  const days = Object.fromEntries(
    DAYS.map((d) => {
      const first = hours?.days[d]?.[0];
      return [d, first ? { open: true, from: first[0], to: first[1] } : WEEKDAY(!hours && d !== 'sat' && d !== 'sun')];
    }),
  ) as Record<Day, DayRow>;
  return { always: hours === null, timeZone: hours?.timeZone ?? fallbackZone, days };
}

/** Days whose interval does not end after it starts; the server refuses them too. */
export function badDays(draft: HoursDraft): Day[] {
  return DAYS.filter((d) => draft.days[d].open && !(draft.days[d].from < draft.days[d].to));
}

/** What the server stores: null for "always open", else the open days with their interval. */
export function hoursOf(draft: HoursDraft): BusinessHours | null {
  if (draft.always) return null;
  const days: BusinessHours['days'] = {};
  for (const d of DAYS) if (draft.days[d].open) days[d] = [[draft.days[d].from, draft.days[d].to]];
  return { timeZone: draft.timeZone.trim(), days };
}

/** Whether the browser knows the zone (the server checks the same way). */
export function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.trim() !== '';
  } catch {
    return false;
  }
}
