import { useState } from 'preact/hooks';
import type { AdminSite } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import { REPLY_TIME_MAX_MINUTES, replyTimeDraft, replyTimeOf, type ReplyTimeDraft } from '../lib/reply-time';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine } from './Panel';
import type { SaveSite } from './SiteDetail';

/** "Usually replies in ~N min" in the widget's header: the team's median, measured, or a figure the owner states. */
export function ReplyTimeForm({ site, save }: { site: AdminSite; save: SaveSite }) {
  const { t, locale } = useSettingsI18n();
  const [draft, setDraft] = useState<ReplyTimeDraft>(() => replyTimeDraft(site.settings.replyTimeMinutes));
  const [tried, setTried] = useState(false);
  const { pending, feedback, run } = useSubmit();
  const value = replyTimeOf(draft);
  // Said once the admin tries to save, not while they are still typing the number.
  const showError = tried && value === 'invalid';

  const submit = (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (value === 'invalid') return;
    void run(() => save({ settings: { replyTimeMinutes: value } }), () => t('settings.saved'), (m) => t('settings.notSaved', { message: m }));
  };

  return (
    <section class="panel" aria-labelledby="reply-time-h">
      <h4 id="reply-time-h">{t('replyTime.heading')}</h4>
      <form class="editor" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('replyTime.legend')}</legend>
          <label class="check">
            <input type="radio" name="reply-time" checked={draft.auto} onChange={() => setDraft({ ...draft, auto: true })} aria-describedby="reply-time-auto-help" /> {t('replyTime.auto')}
          </label>
          <p class="muted" id="reply-time-auto-help">
            {t('replyTime.autoHelp')}
          </p>
          <label class="check">
            <input type="radio" name="reply-time" checked={!draft.auto} onChange={() => setDraft({ ...draft, auto: false })} /> {t('replyTime.set')}
          </label>
        </fieldset>
        {!draft.auto && (
          <label>
            {t('replyTime.minutes')}
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={REPLY_TIME_MAX_MINUTES}
              step={1}
              value={draft.minutes}
              onInput={(e) => setDraft({ ...draft, minutes: e.currentTarget.value })}
              aria-invalid={showError}
              aria-describedby={showError ? 'reply-time-error' : undefined}
            />
          </label>
        )}
        {showError && (
          <p id="reply-time-error" class="form-error" role="alert">
            {t('replyTime.invalid', { max: REPLY_TIME_MAX_MINUTES.toLocaleString(locale) })}
          </p>
        )}
        <div>
          <button type="submit" class="primary" disabled={pending}>
            {t('replyTime.save')}
          </button>
        </div>
        <FeedbackLine feedback={feedback} />
      </form>
    </section>
  );
}
