import { useState } from 'preact/hooks';
import { WEBHOOK_EVENTS, type AdminSite, type Webhook, type WebhookEvent } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import type { NewWebhook } from '../client';
import type { Outcome } from './model';

interface Props {
  sites: AdminSite[];
  site: string | null;
  onCreate(input: NewWebhook): Promise<Outcome<Webhook>>;
}

/** Adds a webhook; the answer carries the signing secret, shown here once. */
export function WebhookForm({ sites, site, onCreate }: Props) {
  const { t } = useSettingsI18n();
  // Sites may arrive after the form: until one is picked, the first is meant.
  const [picked, setPicked] = useState<string | null>(null);
  const siteKey = site ?? picked ?? sites[0]?.key ?? '';
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['conversation.escalated']);
  const [format, setFormat] = useState<'json' | 'slack'>('json');
  const [description, setDescription] = useState('');
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const toggle = (e: WebhookEvent) => setEvents(events.includes(e) ? events.filter((x) => x !== e) : [...events, e]);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (events.length === 0) return setMessage({ ok: false, text: t('webhooks.chooseEvent') });
    setPending(true);
    const r = await onCreate({ site: siteKey, url: url.trim(), events, format, description: description.trim() });
    setPending(false);
    if (r.ok) {
      setUrl('');
      setDescription('');
    }
    setMessage(r.ok ? { ok: true, text: t('webhooks.added', { secret: r.value.secret ?? r.value.secretHint }) } : { ok: false, text: t('webhooks.failed', { message: r.message }) });
  };

  return (
    <form class="webhook-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('webhooks.add')}</h3>
      {!site && sites.length > 1 && (
        <label>
          {t('webhooks.site')}
          <select value={siteKey} onChange={(e) => setPicked(e.currentTarget.value)}>
            {sites.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('webhooks.url')}
        <input type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://" />
      </label>
      <fieldset>
        <legend>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((e) => (
          <label key={e} class="check">
            <input type="checkbox" checked={events.includes(e)} onChange={() => toggle(e)} /> <code>{e}</code>
          </label>
        ))}
      </fieldset>
      <label>
        {t('webhooks.format')}
        <select value={format} onChange={(e) => setFormat(e.currentTarget.value === 'slack' ? 'slack' : 'json')}>
          <option value="json">{t('webhooks.formatJson')}</option>
          <option value="slack">{t('webhooks.formatSlack')}</option>
        </select>
      </label>
      <label>
        {t('webhooks.description')}
        <input value={description} onInput={(e) => setDescription(e.currentTarget.value)} maxLength={200} />
      </label>
      {message && (
        <p class={message.ok ? 'saved' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div>
        <button type="submit" class="primary" disabled={pending}>
          {pending ? t('webhooks.adding') : t('webhooks.add')}
        </button>
      </div>
    </form>
  );
}
