import type { ArticleRow } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import type { Formats } from '../lib/format';

/** Article effectiveness: shown, answered with, helped or not, and escalations that followed. */
export function ArticlesTable({ rows, formats: f }: { rows: ArticleRow[]; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <div class="scroll">
      <table class="data">
        <caption>{t('articles.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('articles.article')}</th>
            <th scope="col" class="num">{t('articles.shown')}</th>
            <th scope="col" class="num">{t('articles.answered')}</th>
            <th scope="col" class="num">{t('articles.helped')}</th>
            <th scope="col" class="num">{t('articles.notHelped')}</th>
            <th scope="col" class="num">{t('articles.helpRate')}</th>
            <th scope="col" class="num">{t('articles.escalations')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
