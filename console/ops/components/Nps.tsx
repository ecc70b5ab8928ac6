import type { Summary, VolumeResponse } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { LineChart } from '../charts/LineChart';
import type { Formats } from '../lib/format';

/** Net Promoter Score of the period, all answers and apart after the bot's and agents' resolutions, and by day; kept apart from CSAT. */
export function Nps({ summary: s, volume, formats: f }: { summary: Summary; volume: VolumeResponse | null; formats: Formats }) {
  const { t } = useOpsI18n();
  const rows = [
    ['nps.all', s.nps],
    ['nps.afterBot', s.nps.bot],
    ['nps.afterAgent', s.nps.agent],
  ] as const;
  return (
    <div class="charts">
      <div class="scroll">
        <p class="muted">{t('nps.intro')}</p>
        <table class="data">
          <caption>{t('nps.byResolution')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('nps.after')}</th>
              <th scope="col" class="num">{t('nps.score')}</th>
              <th scope="col" class="num">{t('nps.responses')}</th>
              <th scope="col" class="num">{t('nps.promoters')}</th>
              <th scope="col" class="num">{t('nps.passives')}</th>
              <th scope="col" class="num">{t('nps.detractors')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, n]) => (
              <tr key={key}>
                <th scope="row">{t(key)}</th>
                <td class="num">{f.nps(n.score)}</td>
                <td class="num">{f.count(n.responses)}</td>
                <td class="num">{f.count(n.promoters)}</td>
                <td class="num">{f.count(n.passives)}</td>
                <td class="num">{f.count(n.detractors)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
