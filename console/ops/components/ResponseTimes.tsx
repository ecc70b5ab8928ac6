import type { Summary, VolumeResponse } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { LineChart } from '../charts/LineChart';
import type { Formats } from '../lib/format';

interface Props {
  volume: VolumeResponse;
  summary: Summary | null;
  formats: Formats;
}

/** First human reply p50/p90 by day, with the other times of the period beside it. */
export function ResponseTimes({ volume, summary, formats: f }: Props) {
  const { t } = useOpsI18n();
  const any = volume.byDay.some((d) => d.firstReplyP50 !== null);
  return (
    <div class="charts">
      <div>
        {any ? (
          <LineChart
            title={t('response.heading')}
            desc={t('response.desc')}
            labels={volume.byDay.map((d) => ({ label: f.date(d.date), tick: f.date(d.date) }))}
            series={[
              { name: t('response.p50'), values: volume.byDay.map((d) => d.firstReplyP50), tone: 'primary' },
              { name: t('response.p90'), values: volume.byDay.map((d) => d.firstReplyP90), tone: 'secondary' },
            ]}
            categoryHeader={t('volume.date')}
            format={(n) => f.duration(n)}
          />
        ) : (
          <p class="muted">{t('response.none')}</p>
        )}
        {any && (
          <p class="legend" aria-hidden="true">
            <span class="key p50" /> {t('response.p50')} <span class="key p90" /> {t('response.p90')}
          </p>
        )}
      </div>
      {summary && (
        <div>
          <h3>{t('response.other')}</h3>
          <dl class="facts">
            <dt>{t('response.handle')}</dt>
            <dd>{f.duration(summary.handleTime.avg)}</dd>
            <dt>{t('response.resolution')}</dt>
            <dd>
              {f.duration(summary.resolutionTime.p50)} · {f.duration(summary.resolutionTime.p90)}
            </dd>
            <dt>{t('response.queue')}</dt>
            <dd>
              {f.duration(summary.queueWait.p50)} · {f.duration(summary.queueWait.p90)}
            </dd>
            <dt>{t('response.awaiting')}</dt>
            <dd>{f.count(summary.firstReply.awaiting)}</dd>
            <dt>{t('response.waiting')}</dt>
            <dd>{f.count(summary.queueWait.waiting)}</dd>
          </dl>
        </div>
      )}
    </div>
  );
}
