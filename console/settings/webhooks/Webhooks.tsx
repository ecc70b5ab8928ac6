import { useCallback, useState } from 'preact/hooks';
import type { AdminSite, Webhook } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import type { Formats } from '../../ops/lib/format';
import type { Webhooks as WebhooksModel } from './model';
import { DeliveryLog } from './DeliveryLog';
import { WebhookForm } from './WebhookForm';
import { DataTable } from '../../components/DataTable';

interface Props {
  model: WebhooksModel;
  list: Webhook[];
  sites: AdminSite[];
  site: string | null;
  formats: Formats;
}

/** Webhooks of the chosen site: the list, their delivery logs, a test event, adding and deleting. */
export function Webhooks({ model, list, sites, site, formats }: Props) {
  const { t } = useSettingsI18n();
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after a test event is queued, so the open log loads again and shows it.
  const [round, setRound] = useState(0);

  const remove = async (w: Webhook) => {
    if (!confirm(t('webhooks.deleteConfirm', { url: w.url }))) return;
    const r = await model.remove(w.id);
    if (r.ok && open === w.id) setOpen(null);
    setNotice(r.ok ? t('webhooks.deleted') : t('webhooks.failed', { message: r.message }));
  };
  const sendTest = async (w: Webhook) => {
    const r = await model.sendTest(w.id);
    if (r.ok) {
      setOpen(w.id);
      setRound((n) => n + 1);
    }
    setNotice(r.ok ? t('webhooks.testQueued', { url: w.url }) : t('webhooks.testFailed', { message: r.message }));
  };
  const shown = list.find((w) => w.id === open);
  const loadLog = useCallback(() => model.deliveries(open ?? ''), [model.deliveries, open]);

  return (
    <>
      <p class="muted">{t('webhooks.intro')}</p>
      <p role="status">{notice}</p>
      {list.length === 0 ? (
        <p class="muted">{t('webhooks.empty')}</p>
      ) : (
        <DataTable caption={t('webhooks.caption')} columns={[t('webhooks.url'), t('webhooks.events'), t('webhooks.format'), t('webhooks.status'), t('webhooks.actions')]}>
          {list.map((w) => (
            <tr key={w.id}>
              <th scope="row" class="text">
                {w.url}
                {w.description && <div class="muted">{w.description}</div>}
              </th>
              <td class="text">{w.events.join(', ')}</td>
              <td>{w.format === 'slack' ? t('webhooks.formatSlack') : t('webhooks.formatJson')}</td>
              <td>{w.active ? t('webhooks.active') : t('webhooks.paused')}</td>
              <td class="row-actions">
                <button type="button" aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)}>
                  {open === w.id ? t('webhooks.hideLog') : t('webhooks.log')}
                </button>
                <button type="button" onClick={() => void sendTest(w)} disabled={!w.active} aria-label={t('webhooks.testOne', { url: w.url })}>
                  {t('webhooks.test')}
                </button>
                <button type="button" class="danger" onClick={() => void remove(w)}>
                  {t('webhooks.delete')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {shown && <DeliveryLog key={`${shown.id}:${round}`} url={shown.url} load={loadLog} formats={formats} />}
      <WebhookForm sites={sites} site={site} onCreate={model.create} />
    </>
  );
}
