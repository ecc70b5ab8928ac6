import type { VolumeResponse } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { BarChart } from '../charts/BarChart';
import { Heatmap } from '../charts/Heatmap';
import type { Formats } from '../lib/format';

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The staffing view: conversations per day (escalated part darker) and per hour of the day. */
export function VolumeCharts({ data, formats: f }: { data: VolumeResponse; formats: Formats }) {
  const { t } = useOpsI18n();
  const maxDay = Math.max(0, ...data.byDay.map((d) => d.started));
  const busiest = data.byHour.reduce((best, h) => (h.started > best.started ? h : best), { hour: -1, started: 0 });
  const peak = data.byWeekdayHour.reduce((best, c) => (c.started > best.started ? c : best), { weekday: 0, hour: -1, started: 0 });
  const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
  return (
    <div class="charts">
      <div>
        <h3>{t('volume.byDay')}</h3>
        <BarChart
          title={t('volume.byDay')}
          desc={t('volume.byDayDesc', { max: f.count(maxDay) })}
          bars={data.byDay.map((d) => ({ label: f.date(d.date), tick: f.date(d.date), value: d.started, part: d.escalated }))}
          columns={[t('volume.date'), t('volume.started'), t('volume.escalated')]}
          format={(n) => f.count(n)}
        />
        <Legend />
      </div>
      <div>
        <h3>{t('volume.byHour')}</h3>
        <BarChart
          title={t('volume.byHour')}
          desc={t('volume.byHourDesc', { tz: data.range.tz, hour: busiest.hour < 0 ? '—' : hourLabel(busiest.hour) })}
          bars={data.byHour.map((h) => ({ label: hourLabel(h.hour), tick: String(h.hour), value: h.started, part: h.escalated }))}
          columns={[t('volume.hour'), t('volume.started'), t('volume.escalated')]}
          format={(n) => f.count(n)}
        />
        <Legend />
      </div>
      <div class="wide">
        <h3>{t('volume.heatmap')}</h3>
        <Heatmap
          title={t('volume.heatmap')}
          desc={t('volume.heatmapDesc', { tz: data.range.tz, slot: peak.hour < 0 ? '—' : `${t(`weekday.${peak.weekday as 1}`)} ${hourLabel(peak.hour)}`, max: f.count(peak.started) })}
          rows={weekdays.map((w) => ({ label: t(`weekday.${w}`), short: t(`weekdayShort.${w}`) }))}
          cols={Array.from({ length: 24 }, (_, h) => hourLabel(h))}
          cells={data.byWeekdayHour.map((c) => ({ row: c.weekday, col: c.hour, value: c.started }))}
          format={(n) => f.count(n)}
          tableLabel={t('volume.heatmapTable')}
          cornerHeader={t('volume.weekday')}
        />
      </div>
    </div>
  );
}

function Legend() {
  const { t } = useOpsI18n();
  return (
    <p class="legend" aria-hidden="true">
      <span class="key started" /> {t('volume.started')} <span class="key escalated" /> {t('volume.escalated')}
    </p>
  );
}
