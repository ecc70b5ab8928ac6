import { useId } from 'preact/hooks';
import type { ArticleStats, ArticleSummary } from '../api';
import { useKbI18n } from '../i18n/index';

interface Props {
  articles: ArticleSummary[];
  stats: Map<string, ArticleStats> | null;
  query: string;
  selected: string | null;
  onQuery(q: string): void;
  onSelect(id: string): void;
}

/** Words of the query that every match must contain, in its title, id, tags or first lines. */
export function matches(a: ArticleSummary, query: string): boolean {
  const hay = `${a.title} ${a.id} ${a.tags.join(' ')} ${a.excerpt}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

/** The searchable list of articles, each with its headline numbers. */
export function ArticleList({ articles, stats, query, selected, onQuery, onSelect }: Props) {
  const { t, locale } = useKbI18n();
  const searchId = useId();
  const shown = articles.filter((a) => matches(a, query));
  const n = (v: number) => v.toLocaleString(locale);
  return (
    <div class="kb-list">
      <label for={searchId} class="sr-only">
        {t('list.search')}
      </label>
      <input id={searchId} type="search" placeholder={t('list.search')} value={query} onInput={(e) => onQuery(e.currentTarget.value)} />
      <p class="muted kb-count" role="status">
        {articles.length === 0 ? t('list.empty') : shown.length === 0 ? t('list.none', { query }) : t('list.count', { shown: n(shown.length), total: n(articles.length) })}
      </p>
      <ul>
        {shown.map((a) => {
          const s = stats?.get(a.id);
          return (
            <li key={a.id}>
              <button type="button" class="kb-item" aria-current={a.id === selected ? 'true' : undefined} onClick={() => onSelect(a.id)}>
                <span class="kb-item-title">{a.title}</span>
                <span class="muted kb-item-id">{a.id}</span>
                {stats && <span class="muted kb-item-stats">{t('list.statsLine', { shown: n(s?.shown ?? 0), helped: n(s?.helped ?? 0), notHelped: n(s?.notHelped ?? 0) })}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
