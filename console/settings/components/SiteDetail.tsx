import { useEffect, useRef } from 'preact/hooks';
import type { AdminSite } from '../api';
import type { SettingsApi, SitePatch } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { AppearanceForm } from './AppearanceForm';
import { AttachmentsForm } from './AttachmentsForm';
import { ChatRulesForm } from './ChatRulesForm';
import { EmbedPanel } from './EmbedPanel';
import { HoursForm } from './HoursForm';
import { OriginsForm } from './OriginsForm';
import { ReplyTimeForm } from './ReplyTimeForm';
import { SiteGeneral } from './SiteGeneral';

interface Props {
  api: SettingsApi;
  site: AdminSite;
  onChanged(): void;
  onDeleted(): void;
}

export type SaveSite = (patch: SitePatch) => Promise<AdminSite>;

/** One site: how to embed it, then each group of its settings, each saved on its own. */
export function SiteDetail({ api, site, onChanged, onDeleted }: Props) {
  const { t } = useSettingsI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a site (or creating one) takes keyboard and screen-reader users to it.
  useEffect(() => heading.current?.focus(), []);
  const save: SaveSite = async (patch) => {
    const saved = await api.updateSite(site.id, patch);
    onChanged();
    return saved;
  };
  return (
    <section id="site-detail" class="site-detail" aria-labelledby="site-detail-h">
      <h3 id="site-detail-h" class="site-title" ref={heading} tabIndex={-1}>
        {t('site.heading', { name: site.name })}
      </h3>
      <EmbedPanel api={api} site={site} />
      <SiteGeneral site={site} save={save} remove={async () => {
        await api.deleteSite(site.id, site.key);
        onDeleted();
      }} />
      <OriginsForm site={site} save={save} />
      <AppearanceForm site={site} save={save} />
      <HoursForm site={site} save={save} />
      <ReplyTimeForm site={site} save={save} />
      <ChatRulesForm site={site} save={save} />
      <AttachmentsForm site={site} save={save} />
    </section>
  );
}
