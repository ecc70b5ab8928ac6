import { useState } from 'preact/hooks';
import type { AdminSite } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import { toOrigin } from '../lib/origins';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine } from './Panel';
import type { SaveSite } from './SiteDetail';

/** The pages allowed to embed the widget, checked as they are typed; an empty list allows any. */
export function OriginsForm({ site, save }: { site: AdminSite; save: SaveSite }) {
  const { t } = useSettingsI18n();
  const [origins, setOrigins] = useState<string[]>(site.allowedOrigins);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { pending, feedback, run } = useSubmit();
  const changed = origins.join('\n') !== site.allowedOrigins.join('\n');

  const add = (e: Event) => {
    e.preventDefault();
    const origin = toOrigin(draft);
    if (!origin) return setError(t('origins.invalid', { text: draft.trim() || '—' }));
    if (origins.includes(origin)) return setError(t('origins.duplicate', { origin }));
    setOrigins([...origins, origin]);
    setDraft('');
    setError(null);
  };
  const submit = () => void run(() => save({ allowedOrigins: origins }), () => t('settings.saved'), (m) => t('settings.notSaved', { message: m }));

  return (
    <section class="panel" aria-labelledby="origins-h">
      <h4 id="origins-h">{t('origins.heading')}</h4>
      <p class="muted">{t('origins.help')}</p>
      {origins.length === 0 ? (
        <p class="warning">{t('origins.any')}</p>
      ) : (
        <ul class="origins">
          {origins.map((o) => (
            <li key={o}>
              <code>{o}</code>{' '}
              <button type="button" class="link" onClick={() => setOrigins(origins.filter((x) => x !== o))} aria-label={t('origins.remove', { origin: o })}>
                {t('settings.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="editor inline-form" onSubmit={add} noValidate>
        <label>
          {t('origins.add')}
          <input
            value={draft}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
              setError(null);
            }}
            placeholder="https://shop.example.com"
            aria-invalid={error !== null}
            aria-describedby={error ? 'origin-error' : undefined}
            inputMode="url"
          />
        </label>
        <button type="submit">{t('origins.addButton')}</button>
      </form>
      {error && (
        <p id="origin-error" class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="primary" disabled={pending || !changed} onClick={submit}>
        {t('origins.save')}
      </button>
      <FeedbackLine feedback={feedback} />
    </section>
  );
}
