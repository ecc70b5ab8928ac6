import { useId, useState } from 'preact/hooks';
import type { ArticleChoice, GapCluster, GapsResponse } from '../api';
import type { AnsweredGap } from '../client';
import { useOpsI18n } from '../../i18n/ops';
import type { ArticleBody } from '../lib/draft';
import type { Formats } from '../lib/format';
import type { AnswerResult, SaveResult } from '../model/dashboard';
import { AnswerGap } from './AnswerGap';
import { GapEditor } from './GapEditor';

interface Props {
  data: GapsResponse;
  formats: Formats;
  /** Existing articles a gap can be answered by. */
  articles: ArticleChoice[];
  onSave(body: ArticleBody, replace: boolean, gap?: AnsweredGap): Promise<SaveResult>;
  onAnswer(articleId: string, gap: AnsweredGap): Promise<AnswerResult>;
}

/** What a gap resolution records: every question the group showed, so the server drops the group. */
const answered = (c: GapCluster): AnsweredGap => ({ id: c.id, questions: [...new Set([...c.examples, ...c.draft.questions])] });

/**
 * The questions the bot could not answer, grouped: each gets a draft article to edit and save, or
 * can be added to an existing article. Either resolves the gap, which then leaves the list; the
 * outcome is announced here because the gap itself is gone.
 */
export function Gaps({ data, formats: f, articles, onSave, onAnswer }: Props) {
  const { t } = useOpsI18n();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p class="saved" role="status">
        {notice}
      </p>
      {data.clusters.length === 0 ? (
        <p class="muted">{t('gaps.empty')}</p>
      ) : (
        <>
          <p>{t('gaps.intro', { questions: f.count(data.questions), groups: f.count(data.clusters.length) })}</p>
          <ol class="gaps">
            {data.clusters.map((c) => (
              <Gap
                key={c.id}
                cluster={c}
                formats={f}
                articles={articles}
                onSave={async (body, replace) => {
                  const r = await onSave(body, replace, answered(c));
                  if (r.kind === 'saved') setNotice(`✓ ${t('editor.saved', { title: r.title, id: r.id })}`);
                  return r;
                }}
                onAnswer={async (articleId) => {
                  const r = await onAnswer(articleId, answered(c));
                  if (r.kind === 'answered') setNotice(`✓ ${t('gaps.answered', { title: r.title, count: r.added })}`);
                  return r;
                }}
              />
            ))}
          </ol>
        </>
      )}
    </>
  );
}

interface GapProps {
  cluster: GapCluster;
  formats: Formats;
  articles: ArticleChoice[];
  onSave(body: ArticleBody, replace: boolean): Promise<SaveResult>;
  onAnswer(articleId: string): Promise<AnswerResult>;
}

function Gap({ cluster: c, formats: f, articles, onSave, onAnswer }: GapProps) {
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
          <AnswerGap cluster={c} articles={articles} onAnswer={onAnswer} />
          <details>
            <summary>{t('gaps.markdown')}</summary>
            <pre>{c.draft.markdown}</pre>
          </details>
        </div>
      )}
    </li>
  );
}
