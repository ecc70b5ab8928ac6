import type { CsatResponse } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { BarChart } from '../charts/BarChart';
import type { Formats } from '../lib/format';

const SCORES = ['1', '2', '3', '4', '5'] as const;

/** Satisfaction: average, response rate, the ratings by score, and what visitors wrote. */
export function Csat({ data, formats: f }: { data: CsatResponse; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <div class="charts">
      <div>
        <dl class="facts">
          <dt>{t('csat.average')}</dt>
          <dd>{f.rating(data.average)}</dd>
          <dt>{t('csat.responses')}</dt>
          <dd>{f.count(data.responses)}</dd>
          <dt>{t('csat.responseRate')}</dt>
          <dd>{f.percent(data.responseRate)}</dd>
        </dl>
        <h3>{t('csat.distribution')}</h3>
        <BarChart
          title={t('csat.distribution')}
          desc={t('csat.distributionDesc')}
          bars={SCORES.map((s) => ({ label: `${s} ★`, tick: `${s} ★`, value: data.distribution[s] }))}
          columns={[t('csat.score'), t('csat.responses')]}
          format={(n) => f.count(n)}
        />
      </div>
      <div class="scroll">
        <table class="data">
          <caption>{t('csat.comments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('csat.when')}</th>
              <th scope="col" class="num">{t('csat.rating')}</th>
              <th scope="col">{t('csat.agent')}</th>
              <th scope="col">{t('csat.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {data.comments.length === 0 && (
              <tr>
                <td colSpan={4} class="muted">{t('csat.noComments')}</td>
              </tr>
            )}
            {data.comments.map((c) => (
              <tr key={c.conversationId}>
                <th scope="row">{f.dateTime(c.at)}</th>
                <td class="num">{c.rating}</td>
                <td>{c.agentName ?? '—'}</td>
                <td class="text">{c.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
