import type { ArticleStats as Stats } from '../api';
import { useKbI18n } from '../i18n/index';

/** One article's numbers over the last 30 days, computed by the ops metrics from stored events. */
export function ArticleStats({ stats }: { stats: Stats | 'unavailable' }) {
  const { t, locale } = useKbI18n();
  if (stats === 'unavailable') return <p class="muted">{t('stats.unavailable', { message: '/api/ops/articles' })}</p>;
  const n = (v: number) => v.toLocaleString(locale);
  const items: Array<[string, number]> = [
    [t('stats.shown'), stats.shown],
    [t('stats.helped'), stats.helped],
    [t('stats.notHelped'), stats.notHelped],
    [t('stats.escalations'), stats.escalationsAfter],
  ];
  return (
    <section class="kb-stats" aria-label={t('stats.heading')}>
      <h3>{t('stats.heading')}</h3>
      {stats.shown === 0 && stats.escalationsAfter === 0 ? (
        <p class="muted">{t('stats.none')}</p>
      ) : (
        <dl>
          {items.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{n(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
