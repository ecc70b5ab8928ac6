import { useMemo, useState } from 'preact/hooks';
import type { AdminMe } from '../../admin/rest';
import { csvUrl, type OpsApi } from '../client';
import { useOpsI18n } from '../../i18n/ops';
import { makeFormats } from '../lib/format';
import { localDate, toQuery, type RangeChoice } from '../lib/range';
import { useDashboard } from '../model/dashboard';
import { useResource } from '../model/resource';
import { AgentsTable } from './AgentsTable';
import { ArticlesTable } from './ArticlesTable';
import { Csat } from './Csat';
import { Filters } from './Filters';
import { Gaps } from './Gaps';
import { HeadlineCards } from './HeadlineCards';
import { Nps } from './Nps';
import { AdminHeader } from '../../admin/AdminHeader';
import { Outcomes } from './Outcomes';
import { Resolution } from './Resolution';
import { ResponseTimes } from './ResponseTimes';
import { CsvLink, Section } from './Section';
import { VolumeCharts } from './VolumeCharts';
import { TrustPanel } from './TrustPanel';

const JUMPS = [
  ['figures', 'headline.heading'],
  ['resolution', 'resolution.heading'],
  ['volume', 'volume.heading'],
  ['response', 'response.heading'],
  ['outcomes', 'outcomes.heading'],
  ['csat', 'csat.heading'],
  ['nps', 'nps.heading'],
  ['agents', 'agents.heading'],
  ['articles', 'articles.heading'],
  ['trust', 'trust.heading'],
  ['gaps', 'gaps.heading'],
] as const;

interface Props {
  api: OpsApi;
  me: AdminMe;
  tz: string;
  onLocale(locale: 'en' | 'es'): void;
  onSignOut(): void;
}

/** The dashboard for one admin: filters, headline figures, charts and tables, and gaps; webhooks are managed in Settings. */
export function Dashboard({ api, me, tz, onLocale, onSignOut }: Props) {
  const i18n = useOpsI18n();
  const { t, locale } = i18n;
  const [choice, setChoice] = useState<RangeChoice>({ kind: 'preset', days: 30 });
  const [site, setSite] = useState<string | null>(null);
  const [durableDays, setDurableDays] = useState(7);
  const today = localDate(new Date(), tz);
  // The server's default window (7 days) stays out of the URLs.
  const query = useMemo(() => ({ ...toQuery(choice, new Date(), tz, site), ...(durableDays === 7 ? {} : { durableDays }) }), [choice, tz, site, today, durableDays]);
  const f = useMemo(() => makeFormats(locale, tz), [locale, tz]);
  const [sites] = useResource(() => api.sites(), 'sites');
  const siteList = sites.status === 'ready' ? sites.data : [];
  const d = useDashboard(api, query);
  const s = d.summary.status === 'ready' ? d.summary.data : null;
  const csv = (label: string, table: Parameters<typeof csvUrl>[0], extra?: Record<string, string>) => <CsvLink href={csvUrl(table, query, extra)} label={label} />;

  return (
    <div class="ops">
      <a class="skip" href="#figures">
        {t('ops.skip')}
      </a>
      <AdminHeader prefix="ops" i18n={i18n} class="ops-top" links={[{ href: '/agent/settings', label: t('ops.settings') }]} me={me} onLocale={onLocale} onSignOut={onSignOut} />
      <main class="ops-main">
        <Filters choice={choice} onChoice={setChoice} sites={siteList} site={site} onSite={setSite} durableDays={durableDays} onDurableDays={setDurableDays} tz={tz} today={today} />
        {s && (
          <p class="muted period" aria-live="polite">
            {t('filter.showing', { from: f.date(s.range.from), to: f.date(new Date(Date.parse(s.range.to) - 1).toISOString()), prevFrom: f.date(s.range.previous.from), prevTo: f.date(new Date(Date.parse(s.range.previous.to) - 1).toISOString()) })}
          </p>
        )}
        <nav aria-label={t('ops.sections')}>
          <ul class="jump">
            {JUMPS.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
            <li>
              <a href="/agent/settings#webhooks">{t('ops.webhooksInSettings')}</a>
            </li>
          </ul>
        </nav>
        <div class="grid">
          <Section id="figures" heading={t('headline.heading')} resource={d.summary} retry={d.reload.summary} actions={csv(t('csv.download'), 'summary')}>
            {(data) => <HeadlineCards headlines={data.headlines} windows={data.windows} current={data.current} formats={f} />}
          </Section>
          <Section id="resolution" heading={t('resolution.heading')} resource={d.summary} retry={d.reload.summary} actions={csv(t('resolution.csv'), 'conversations')}>
            {(data) => <Resolution summary={data.current} windows={data.windows} formats={f} />}
          </Section>
          <Section
            id="volume"
            heading={t('volume.heading')}
            resource={d.volume}
            retry={d.reload.volume}
            actions={
              <>
                {csv(t('volume.csvDay'), 'volume', { by: 'day' })}
                {csv(t('volume.csvHour'), 'volume', { by: 'hour' })}
                {csv(t('volume.csvWeekdayHour'), 'volume', { by: 'weekday_hour' })}
              </>
            }
          >
            {(data) => <VolumeCharts data={data} formats={f} />}
          </Section>
          <Section id="response" heading={t('response.heading')} resource={d.volume} retry={d.reload.volume}>
            {(data) => <ResponseTimes volume={data} summary={s?.current ?? null} formats={f} />}
          </Section>
          <Section id="outcomes" heading={t('outcomes.heading')} resource={d.summary} retry={d.reload.summary}>
            {(data) => <Outcomes summary={data.current} formats={f} />}
          </Section>
          <Section id="csat" heading={t('csat.heading')} resource={d.csat} retry={d.reload.csat} actions={csv(t('csat.csv'), 'csat')}>
            {(data) => <Csat data={data} formats={f} />}
          </Section>
          <Section id="nps" heading={t('nps.heading')} resource={d.summary} retry={d.reload.summary}>
            {(data) => <Nps summary={data.current} volume={d.volume.status === 'ready' ? d.volume.data : null} formats={f} />}
          </Section>
          <Section id="agents" heading={t('agents.heading')} resource={d.agents} retry={d.reload.agents} actions={csv(t('csv.download'), 'agents')}>
            {(rows) => <AgentsTable rows={rows} formats={f} />}
          </Section>
          <Section id="articles" heading={t('articles.heading')} resource={d.articles} retry={d.reload.articles} actions={csv(t('csv.download'), 'articles')}>
            {(rows) => <ArticlesTable rows={rows} formats={f} />}
          </Section>
          <TrustPanel api={api} site={site} formats={f} />
          <Section id="gaps" heading={t('gaps.heading')} resource={d.gaps} retry={d.reload.gaps} actions={csv(t('gaps.csv'), 'gaps')}>
            {(data) => <Gaps data={data} formats={f} articles={d.kbArticles.status === 'ready' ? d.kbArticles.data : []} onSave={d.saveArticle} onAnswer={d.answerGap} />}
          </Section>
        </div>
      </main>
    </div>
  );
}
