import { useId, useState } from 'preact/hooks';
import type { GapCluster, GapsResponse } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import type { ArticleBody } from '../lib/draft';
import type { Formats } from '../lib/format';
import type { SaveResult } from '../model/dashboard';
import { GapEditor } from './GapEditor';

interface Props {
  data: GapsResponse;
  formats: Formats;
  onSave(body: ArticleBody, replace: boolean): Promise<SaveResult>;
}

/** The questions the bot could not answer, grouped, each with a draft article to edit and save. */
export function Gaps({ data, formats: f, onSave }: Props) {
  const { t } = useOpsI18n();
  if (data.clusters.length === 0) return <p class="muted">{t('gaps.empty')}</p>;
  return (
    <>
      <p>{t('gaps.intro', { questions: f.count(data.questions), groups: f.count(data.clusters.length) })}</p>
      <ol class="gaps">
        {data.clusters.map((c) => (
          <Gap key={c.id} cluster={c} formats={f} onSave={onSave} />
        ))}
      </ol>
    </>
  );
}

function Gap({ cluster: c, formats: f, onSave }: { cluster: GapCluster; formats: Formats; onSave: Props['onSave'] }) {
  const { t } = useOpsI18n();
  const [editing, setEditing] = useState(false);
  const titleId = useId();
  const nearest = c.nearestArticles[0];
  return (
    <li class="gap">
      <div class="gap-head">
        <h3 class="gap-title" id={titleId}>
          {c.draft.title}
        </h3>
        <span class="count">{t('gaps.asked', { count: f.count(c.count), conversations: f.count(c.conversations) })}</span>
      </div>
      <p class="muted">{t('gaps.reasons', c.reasons)}</p>
      <h4>{t('gaps.examples')}</h4>
      <ul class="examples">
        {c.examples.map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ul>
      {nearest && <p class="muted">{t('gaps.nearest', { title: nearest.title ?? nearest.articleId })}</p>}
      {editing ? (
        <GapEditor draft={c.draft} onSave={onSave} onCancel={() => setEditing(false)} />
      ) : (
        <div class="gap-actions">
          <button type="button" class="primary" aria-describedby={titleId} onClick={() => setEditing(true)}>
            {t('gaps.create')}
          </button>
          <details>
            <summary>{t('gaps.markdown')}</summary>
            <pre>{c.draft.markdown}</pre>
          </details>
        </div>
      )}
    </li>
  );
}
