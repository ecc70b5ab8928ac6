import { useState } from 'preact/hooks';
import type { AdminSite } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine } from './Panel';
import type { SaveSite } from './SiteDetail';
import { WidgetPreview, type Look } from './WidgetPreview';

const DEFAULT_COLOR = '#1f5fd1';
const HEX = /^#[0-9a-fA-F]{6}$/;

/** Colour, side, greeting and launcher label, with the real widget drawn beside the form as it changes. */
export function AppearanceForm({ site, save }: { site: AdminSite; save: SaveSite }) {
  const { t } = useSettingsI18n();
  const s = site.settings;
  const [look, setLook] = useState<Look>({ color: s.color ?? DEFAULT_COLOR, position: s.position ?? 'right', greeting: s.greeting ?? '', launcherLabel: s.launcherLabel ?? '' });
  const set = (patch: Partial<Look>) => setLook({ ...look, ...patch });
  const { pending, feedback, run } = useSubmit();
  const colorOk = HEX.test(look.color);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!colorOk) return;
    void run(
      () => save({ settings: { color: look.color, position: look.position, greeting: look.greeting.trim() || null, launcherLabel: look.launcherLabel.trim() || null } }),
      () => t('settings.saved'),
      (m) => t('settings.notSaved', { message: m }),
    );
  };

  return (
    <section class="panel" aria-labelledby="look-h">
      <h4 id="look-h">{t('look.heading')}</h4>
      <div class="look">
        <form class="editor" onSubmit={submit} noValidate>
          <div class="color-row">
            <label>
              {t('look.color')}
              <input type="color" value={colorOk ? look.color : DEFAULT_COLOR} onInput={(e) => set({ color: e.currentTarget.value })} />
            </label>
            <label>
              {t('look.colorHex')}
              <input
                value={look.color}
                onInput={(e) => set({ color: e.currentTarget.value.trim() })}
                maxLength={7}
                aria-invalid={!colorOk}
                aria-describedby={colorOk ? undefined : 'color-error'}
              />
            </label>
          </div>
          {!colorOk && (
            <p id="color-error" class="form-error" role="alert">
              {t('look.colorInvalid')}
            </p>
          )}
          <fieldset>
            <legend>{t('look.position')}</legend>
            {(['right', 'left'] as const).map((p) => (
              <label key={p} class="check">
                <input type="radio" name="position" value={p} checked={look.position === p} onChange={() => set({ position: p })} /> {t(`look.position.${p}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('look.greeting')}
            <input value={look.greeting} onInput={(e) => set({ greeting: e.currentTarget.value })} maxLength={300} placeholder={t('look.greetingPlaceholder')} />
          </label>
          <label>
            {t('look.launcherLabel')}
            <input value={look.launcherLabel} onInput={(e) => set({ launcherLabel: e.currentTarget.value })} maxLength={60} placeholder={t('look.launcherLabelPlaceholder')} />
          </label>
          <div>
            <button type="submit" class="primary" disabled={pending || !colorOk}>
              {t('look.save')}
            </button>
          </div>
          <FeedbackLine feedback={feedback} />
        </form>
        <WidgetPreview siteKey={site.key} look={colorOk ? look : { ...look, color: '' }} />
      </div>
    </section>
  );
}
