import { useMemo, useState } from 'preact/hooks';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { makeFormats } from '../../ops/lib/format';
import { browserTimeZone } from '../../ops/lib/range';
import { useResource } from '../../ops/model/resource';
import { Panel } from '../components/Panel';
import { useWebhooks } from './model';
import { Webhooks } from './Webhooks';

/** Webhooks of every site or of one: the list, delivery logs, test events, adding and deleting. */
export function WebhooksScreen({ api }: { api: SettingsApi }) {
  const { t, locale } = useSettingsI18n();
  const [sites] = useResource(() => api.sites(), 'sites');
  const [site, setSite] = useState<string | null>(null);
  const model = useWebhooks(api, site);
  const formats = useMemo(() => makeFormats(locale, browserTimeZone()), [locale]);
  const siteList = sites.status === 'ready' ? sites.data : [];
  return (
    <>
      {siteList.length > 1 && (
        <label class="filters">
          {t('webhooks.site')}
          <select value={site ?? ''} onChange={(e) => setSite(e.currentTarget.value || null)}>
            <option value="">{t('webhooks.allSites')}</option>
            {siteList.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <Panel id="webhooks" heading={t('webhooks.heading')} resource={model.list} retry={model.reload}>
        {(list) => <Webhooks model={model} list={list} sites={siteList} site={site} formats={formats} />}
      </Panel>
    </>
  );
}
