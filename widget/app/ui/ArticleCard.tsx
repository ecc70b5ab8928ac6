import { useState } from 'preact/hooks';
import type { ArticleCard as Article } from '../../../shared/protocol/index';
import { useI18n } from './i18n-context';

export interface ArticleCardProps {
  article: Article;
  /** Feedback already given (true/false), or undefined while the question is open. */
  feedback: boolean | undefined;
  /** Omit to show the card without the "did it help" question (e.g. an earlier conversation). */
  onFeedback?: (helpful: boolean) => void;
}

/** A knowledge-base answer: title, excerpt, a link to the full article and "did it help?". */
export function ArticleCard({ article, feedback, onFeedback }: ArticleCardProps) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const titleId = `article-${article.id}`;
  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 class="card-title" id={titleId} dir="auto">
        {article.title}
      </h3>
      <p class="card-excerpt" dir="auto">
        {article.excerpt}
      </p>
      {article.url ? (
        <a class="card-link" href={article.url} target="_blank" rel="noopener noreferrer">
          {t.readArticle}
        </a>
      ) : (
        <>
          <button type="button" class="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? t.hideArticle : t.showArticle}
          </button>
          {/* The only HTML we render: the article body, sanitised on the server. */}
          {expanded && <div class="card-body" dangerouslySetInnerHTML={{ __html: article.html }} />}
        </>
      )}
      {onFeedback &&
        (feedback === undefined ? (
          <div class="feedback" role="group" aria-label={t.wasHelpful}>
            <button type="button" class="chip" onClick={() => onFeedback(true)}>
              {t.helped}
            </button>
            <button type="button" class="chip" onClick={() => onFeedback(false)}>
              {t.notHelped}
            </button>
          </div>
        ) : (
          feedback && <p class="feedback-done">{t.feedbackThanks}</p>
        ))}
    </article>
  );
}
