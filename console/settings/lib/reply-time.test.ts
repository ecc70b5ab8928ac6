import { describe, expect, it } from 'vitest';
import { replyTimeDraft, replyTimeOf } from './reply-time';

describe('expected reply time field', () => {
  it('round-trips a saved value, and "measure automatically" as null', () => {
    expect(replyTimeOf(replyTimeDraft(15))).toBe(15);
    expect(replyTimeDraft(null)).toEqual({ auto: true, minutes: '5' });
    expect(replyTimeOf(replyTimeDraft(null))).toBeNull();
    expect(replyTimeOf(replyTimeDraft(undefined))).toBeNull();
    // Switching an automatic site to a set time offers a number to start from.
    expect(replyTimeOf({ ...replyTimeDraft(null), auto: false })).toBe(5);
  });

  it('takes whole minutes from 1 to 1,440 only', () => {
    const typed = (minutes: string) => replyTimeOf({ auto: false, minutes });
    expect(typed('1')).toBe(1);
    expect(typed(' 1440 ')).toBe(1_440);
    for (const bad of ['', '0', '1441', '12.5', '-3', '1e3', 'ten', '99999']) expect(typed(bad), bad).toBe('invalid');
  });

  it('ignores what is typed in the minutes box while measuring automatically', () => {
    expect(replyTimeOf({ auto: true, minutes: 'nonsense' })).toBeNull();
  });
});
