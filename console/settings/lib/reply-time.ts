/**
 * The "expected reply time" field of a site's settings. The server bounds `replyTimeMinutes` to
 * 1–1,440 (server/store/types.ts); checking the same bounds here lets the form say what is wrong
 * before a round trip.
 */
export const REPLY_TIME_MAX_MINUTES = 1_440;

/** The form as the admin left it: measured automatically, or their own number of minutes as typed. */
export interface ReplyTimeDraft {
  auto: boolean;
  minutes: string;
}

/** The form for a saved value; "measure automatically" when none is set, with 5 minutes ready to edit. */
export function replyTimeDraft(saved: number | null | undefined): ReplyTimeDraft {
  return saved == null ? { auto: true, minutes: '5' } : { auto: false, minutes: String(saved) };
}

/** The value to save (null: measure automatically), or `invalid` when the minutes are not a whole number from 1 to 1,440. */
export function replyTimeOf(draft: ReplyTimeDraft): number | null | 'invalid' {
  if (draft.auto) return null;
  const text = draft.minutes.trim();
  if (!/^\d{1,4}$/.test(text)) return 'invalid';
  const n = Number(text);
  return n >= 1 && n <= REPLY_TIME_MAX_MINUTES ? n : 'invalid';
}
