import { useOpsI18n } from '../../i18n/ops';
import type { OpsApi } from '../client';
import type { Formats } from '../lib/format';
import { useResource } from '../model/resource';
import type { TrustRow } from '../trust';
import { Section } from './Section';
import { DataTable, num } from '../../components/DataTable';

/**
 * Articles the bot trusts less because visitors said "no", asked for a person right after the
 * answer, or agents marked the answer wrong: the ones to rewrite first. Its own panel and request,
 * so it stands apart from the date-ranged metrics.
 */
export function TrustPanel({ api, site, formats: f }: { api: OpsApi; site: string | null; formats: Formats }) {
  const { t } = useOpsI18n();
  const [rows, reload] = useResource(() => api.articleTrust(), 'trust');
  return (
    <Section id="trust" heading={t('trust.heading')} resource={rows} retry={reload}>
      {(all) => <TrustTable rows={site ? all.filter((r) => r.site === site) : all} formats={f} />}
    </Section>
  );
}

export function TrustTable({ rows, formats: f }: { rows: TrustRow[]; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <DataTable caption={t('trust.caption')} columns={[t('trust.article'), num(t('trust.trust')), num(t('trust.visitorNo')), num(t('trust.handover')), num(t('trust.agentWrong')), t('trust.questions'), t('trust.last')]}>
      {rows.length === 0 && (
        <tr>
          <td colSpan={7} class="muted">{t('trust.empty')}</td>
        </tr>
      )}
      {rows.map((r) => (
        <tr key={`${r.site ?? ''}/${r.articleId}`}>
          <th scope="row">{r.title ?? t('articles.removed', { id: r.articleId })}</th>
          <td class="num">{f.percent(r.lowestTrust)}</td>
          <td class="num">{f.count(r.visitorUnhelpful)}</td>
          <td class="num">{f.count(r.handoverAfterAnswer)}</td>
          <td class="num">{f.count(r.agentMarkedWrong)}</td>
          <td>{r.questions.join(' · ')}</td>
          <td>{f.dateTime(r.lastAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
