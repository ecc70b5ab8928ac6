import type { ArticleRow } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import type { Formats } from '../lib/format';
import { DataTable, num } from '../../components/DataTable';

/** Article effectiveness: shown, answered with, helped or not, and escalations that followed. */
export function ArticlesTable({ rows, formats: f }: { rows: ArticleRow[]; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <DataTable caption={t('articles.caption')} columns={[t('articles.article'), num(t('articles.shown')), num(t('articles.answered')), num(t('articles.helped')), num(t('articles.notHelped')), num(t('articles.helpRate')), num(t('articles.escalations'))]}>
      {rows.length === 0 && (
        <tr>
          <td colSpan={7} class="muted">{t('articles.empty')}</td>
        </tr>
      )}
      {rows.map((a) => (
        <tr key={a.articleId}>
          <th scope="row">{a.title ?? t('articles.removed', { id: a.articleId })}</th>
          <td class="num">{f.count(a.shown)}</td>
          <td class="num">{f.count(a.answered)}</td>
          <td class="num">{f.count(a.helped)}</td>
          <td class="num">{f.count(a.notHelped)}</td>
          <td class="num">{f.percent(a.helpRate)}</td>
          <td class="num">{f.count(a.escalationsAfter)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
