import type { Summary, VolumeResponse } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { LineChart } from '../charts/LineChart';
import type { Formats } from '../lib/format';

/** Net Promoter Score of the period and by day, kept apart from CSAT. */
export function Nps({ summary: s, volume, formats: f }: { summary: Summary; volume: VolumeResponse | null; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <div class="charts">
      <div>
        <p class="muted">{t('nps.intro')}</p>
        <dl class="facts">
          <dt>{t('nps.score')}</dt>
          <dd>{f.nps(s.nps.score)}</dd>
          <dt>{t('nps.responses')}</dt>
          <dd>{f.count(s.nps.responses)}</dd>
          <dt>{t('nps.promoters')}</dt>
          <dd>{f.count(s.nps.promoters)}</dd>
          <dt>{t('nps.passives')}</dt>
          <dd>{f.count(s.nps.passives)}</dd>
          <dt>{t('nps.detractors')}</dt>
          <dd>{f.count(s.nps.detractors)}</dd>
        </dl>
      </div>
      {volume && (
        <div>
          <h3>{t('nps.trend')}</h3>
          <LineChart
            title={t('nps.trend')}
            desc={t('nps.trendDesc')}
            labels={volume.byDay.map((d) => ({ label: f.date(d.date), tick: f.date(d.date) }))}
            series={[{ name: t('nps.score'), values: volume.byDay.map((d) => d.npsScore), tone: 'primary' }]}
            categoryHeader={t('nps.date')}
            format={(n) => f.nps(n)}
            domain={{ bottom: -100, top: 100 }}
          />
        </div>
      )}
    </div>
  );
}
