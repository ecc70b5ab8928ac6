import { useId, useState } from 'preact/hooks';
import type { ArticleChoice, GapCluster } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import type { AnswerResult } from '../model/dashboard';

interface Props {
  cluster: GapCluster;
  articles: ArticleChoice[];
  onAnswer(articleId: string): Promise<AnswerResult>;
}

/** "These questions are answered by article X": the closest articles first, then every other by title. */
export function AnswerGap({ cluster, articles, onAnswer }: Props) {
  const { t } = useOpsI18n();
  const id = useId();
  const nearest = cluster.nearestArticles.map((n) => n.articleId).filter((a) => articles.some((x) => x.id === a));
  const ordered = [...articles].sort((a, b) => Number(nearest.includes(b.id)) - Number(nearest.includes(a.id)) || a.title.localeCompare(b.title));
  const [choice, setChoice] = useState(ordered[0]?.id ?? '');
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  if (articles.length === 0) return null;
  const submit = async () => {
    setPending(true);
    setFailed(null);
    const r = await onAnswer(choice);
    setPending(false);
    if (r.kind === 'failed') setFailed(r.message);
  };
  return (
    <form
      class="answer-gap"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label for={`${id}-article`}>{t('gaps.answeredBy')}</label>
      <select id={`${id}-article`} value={choice} onChange={(e) => setChoice(e.currentTarget.value)} aria-describedby={failed ? `${id}-error` : undefined}>
        {ordered.map((a) => (
          <option key={a.id} value={a.id}>
            {a.title}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending || !choice}>
        {pending ? t('editor.saving') : t('gaps.addQuestions', { count: cluster.draft.questions.length })}
      </button>
      {failed && (
        <p class="form-error" role="alert" id={`${id}-error`}>
          {t('editor.failed', { message: failed })}
        </p>
      )}
    </form>
  );
}
