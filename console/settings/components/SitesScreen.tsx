import { useState } from 'preact/hooks';
import type { AdminSite } from '../api';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { useResource } from '../../ops/model/resource';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine, Panel } from './Panel';
import { SiteDetail } from './SiteDetail';
import { DataTable } from '../../components/DataTable';

/** Every site, a form to create one, and the chosen site's settings. */
export function SitesScreen({ api }: { api: SettingsApi }) {
  const { t } = useSettingsI18n();
  const [sites, reload] = useResource(() => api.sites(), 'sites');
  const [openId, setOpenId] = useState<string | null>(null);
  // Said here, not in the site's panel: that panel is gone once the site is.
  const [notice, setNotice] = useState<string | null>(null);
  const list = sites.status === 'ready' ? sites.data : [];
  const open = list.find((s) => s.id === openId) ?? null;

  return (
    <>
      <p role="status" class="saved">
        {notice}
      </p>
      <Panel id="site-list" heading={t('sites.heading')} resource={sites} retry={reload}>
        {(rows) => <SiteTable sites={rows} openId={openId} onOpen={setOpenId} />}
      </Panel>
      <CreateSite
        api={api}
        onCreated={(s) => {
          reload();
          setOpenId(s.id);
        }}
      />
      {open && (
        <SiteDetail
          key={open.id}
          api={api}
          site={open}
          onChanged={reload}
          onDeleted={() => {
            setNotice(t('site.deleted', { name: open.name }));
            setOpenId(null);
            reload();
          }}
        />
      )}
    </>
  );
}

function SiteTable({ sites, openId, onOpen }: { sites: AdminSite[]; openId: string | null; onOpen(id: string | null): void }) {
  const { t } = useSettingsI18n();
  if (sites.length === 0) return <p class="muted">{t('sites.empty')}</p>;
  return (
    <DataTable caption={t('sites.heading')} hideCaption columns={[t('sites.name'), t('sites.key'), t('sites.status'), t('sites.origins'), t('sites.actions')]}>
      {sites.map((s) => (
        <tr key={s.id}>
          <th scope="row" class="text">
            {s.name}
          </th>
          <td>
            <code>{s.key}</code>
          </td>
          <td>{s.disabled ? t('sites.disabled') : t('sites.active')}</td>
          <td class="text">{s.allowedOrigins.length === 0 ? t('sites.anyOrigin') : s.allowedOrigins.join(', ')}</td>
          <td class="row-actions">
            <button type="button" aria-expanded={openId === s.id} aria-controls="site-detail" onClick={() => onOpen(openId === s.id ? null : s.id)} aria-label={openId === s.id ? t('sites.closeOne', { name: s.name }) : t('sites.manage', { name: s.name })}>
              {openId === s.id ? t('sites.close') : t('sites.open')}
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function CreateSite({ api, onCreated }: { api: SettingsApi; onCreated(site: AdminSite): void }) {
  const { t } = useSettingsI18n();
  const [name, setName] = useState('');
  const { pending, feedback, run } = useSubmit();
  const submit = async (e: Event) => {
    e.preventDefault();
    const site = await run(
      () => api.createSite({ name: name.trim() }),
      (s) => t('sites.created', { name: s.name, key: s.key }),
      (m) => t('settings.notSaved', { message: m }),
    );
    if (!site) return;
    setName('');
    onCreated(site);
  };
  return (
    <section class="panel" aria-labelledby="site-new-h">
      <h3 id="site-new-h">{t('sites.create')}</h3>
      <form class="editor inline-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('sites.name')}
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={120} placeholder={t('sites.namePlaceholder')} />
        </label>
        <button type="submit" class="primary" disabled={pending}>
          {t('sites.createButton')}
        </button>
      </form>
      <FeedbackLine feedback={feedback} />
    </section>
  );
}
