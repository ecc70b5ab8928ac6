import { useMemo, useState } from 'preact/hooks';
import { DAYS, type AdminSite, type Day } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import { badDays, draftOf, hoursOf, knownTimeZone, type DayRow, type HoursDraft } from '../lib/hours';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine } from './Panel';
import type { SaveSite } from './SiteDetail';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const zones = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/** When the team answers; outside these hours visitors are told so and can leave a message. */
export function HoursForm({ site, save }: { site: AdminSite; save: SaveSite }) {
  const { t } = useSettingsI18n();
  const [draft, setDraft] = useState<HoursDraft>(() => draftOf(site.settings.businessHours, browserZone()));
  const zoneList = useMemo(zones, []);
  const { pending, feedback, run } = useSubmit();
  const bad = badDays(draft);
  const zoneOk = draft.always || knownTimeZone(draft.timeZone);
  const setDay = (d: Day, patch: Partial<DayRow>) => setDraft({ ...draft, days: { ...draft.days, [d]: { ...draft.days[d], ...patch } } });

  const submit = (e: Event) => {
    e.preventDefault();
    if (bad.length > 0 || !zoneOk) return;
    void run(() => save({ settings: { businessHours: hoursOf(draft) } }), () => t('settings.saved'), (m) => t('settings.notSaved', { message: m }));
  };

  return (
    <section class="panel" aria-labelledby="hours-h">
      <h4 id="hours-h">{t('hours.heading')}</h4>
      <form class="editor" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('hours.when')}</legend>
          <label class="check">
            <input type="radio" name="always" checked={draft.always} onChange={() => setDraft({ ...draft, always: true })} /> {t('hours.always')}
          </label>
          <label class="check">
            <input type="radio" name="always" checked={!draft.always} onChange={() => setDraft({ ...draft, always: false })} /> {t('hours.set')}
          </label>
        </fieldset>
        {!draft.always && (
          <>
            <label>
              {t('hours.timeZone')}
              <input
                value={draft.timeZone}
                onInput={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })}
                list="time-zones"
                aria-invalid={!zoneOk}
                aria-describedby={zoneOk ? undefined : 'zone-error'}
              />
            </label>
            <datalist id="time-zones">
              {zoneList.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            {!zoneOk && (
              <p id="zone-error" class="form-error" role="alert">
                {t('hours.badZone')}
              </p>
            )}
            <table class="data hours">
              <caption class="sr-only">{t('hours.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hours.day')}</th>
                  <th scope="col">{t('hours.open')}</th>
                  <th scope="col">{t('hours.from')}</th>
                  <th scope="col">{t('hours.to')}</th>
                </tr>
              </thead>
              <tbody>
                {DAYS.map((d) => (
                  <tr key={d}>
                    <th scope="row">{t(`day.${d}`)}</th>
                    <td>
                      <input type="checkbox" checked={draft.days[d].open} onChange={(e) => setDay(d, { open: e.currentTarget.checked })} aria-label={t('hours.openOn', { day: t(`day.${d}`) })} />
                    </td>
                    <td>
                      <input type="time" value={draft.days[d].from} disabled={!draft.days[d].open} onInput={(e) => setDay(d, { from: e.currentTarget.value })} aria-label={t('hours.fromOn', { day: t(`day.${d}`) })} aria-invalid={bad.includes(d)} />
                    </td>
                    <td>
                      <input type="time" value={draft.days[d].to} disabled={!draft.days[d].open} onInput={(e) => setDay(d, { to: e.currentTarget.value })} aria-label={t('hours.toOn', { day: t(`day.${d}`) })} aria-invalid={bad.includes(d)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {bad.length > 0 && (
              <p class="form-error" role="alert">
                {t('hours.badInterval', { days: bad.map((d) => t(`day.${d}`)).join(', ') })}
              </p>
            )}
          </>
        )}
        <div>
          <button type="submit" class="primary" disabled={pending || bad.length > 0 || !zoneOk}>
            {t('hours.save')}
          </button>
        </div>
        <FeedbackLine feedback={feedback} />
      </form>
    </section>
  );
}
