import { useEffect, useState } from 'preact/hooks';
import type { Delivery } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import type { Formats } from '../../ops/lib/format';
import type { Outcome } from './model';

interface Props {
  url: string;
  load(): Promise<Outcome<Delivery[]>>;
  formats: Formats;
}

/** The latest deliveries of one webhook: what was sent, how it went, how often it was tried. */
export function DeliveryLog({ url, load, formats: f }: Props) {
  const { t } = useSettingsI18n();
  const [state, setState] = useState<Outcome<Delivery[]> | null>(null);
  useEffect(() => {
    void load().then(setState);
  }, [load]);
  if (!state) return <p class="muted">{t('settings.loading')}</p>;
  if (!state.ok) return <p class="form-error" role="alert">{t('settings.loadFailed', { message: state.message })}</p>;
  if (state.value.length === 0) return <p class="muted">{t('webhooks.noDeliveries')}</p>;
  return (
    <div class="scroll">
      <table class="data">
        <caption>
          {t('webhooks.log')}: {url}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('webhooks.created')}</th>
            <th scope="col">{t('webhooks.event')}</th>
            <th scope="col">{t('webhooks.status')}</th>
            <th scope="col" class="num">{t('webhooks.attempts')}</th>
            <th scope="col">{t('webhooks.response')}</th>
          </tr>
        </thead>
        <tbody>
          {state.value.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.createdAt ? f.dateTime(d.createdAt) : '—'}</th>
              <td><code>{d.eventType}</code></td>
              <td class={`state ${d.status}`}>{t(`webhooks.state.${d.status}`)}</td>
              <td class="num">{f.count(d.attempts)}</td>
              <td class="text">{[d.lastStatusCode, d.lastError].filter((x) => x !== null).join(' · ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
