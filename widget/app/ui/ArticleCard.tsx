import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ArticleCard as Article } from '../../../shared/protocol/index';
import { useI18n } from './i18n-context';

export interface ArticleCardProps {
  article: Article;
  /** Feedback already given (true/false), or undefined while the question is open. */
  feedback: boolean | undefined;
  /** Omit to show the card without the "did it help" question (e.g. an earlier conversation). */
  onFeedback?: (helpful: boolean) => void;
}

/**
 * A knowledge-base answer: the whole article in place (the visitor should not have to leave the page to read
 * it), collapsed to a few lines with "show more" when long; a link out only when the article has a public URL.
 */
export function ArticleCard({ article, feedback, onFeedback }: ArticleCardProps) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const titleId = `article-${article.id}`;
  const bodyId = `article-body-${article.id}`;

  // Only a body taller than its collapsed height gets the toggle; measured once it is laid out.
  useLayoutEffect(() => {
    const el = body.current;
    if (el && !expanded) setOverflows(el.scrollHeight > el.clientHeight + 2);
  }, [article.html, expanded]);

  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 class="card-title" id={titleId} dir="auto">
        {article.title}
      </h3>
      {article.html ? (
        // The only HTML we render: the article body, sanitised on the server.
        <div
          ref={body}
          id={bodyId}
          class={expanded ? 'card-body' : 'card-body card-body-collapsed'}
          data-overflows={overflows && !expanded ? '' : undefined}
          dir="auto"
          dangerouslySetInnerHTML={{ __html: article.html }}
        />
      ) : (
        <p class="card-excerpt" dir="auto">
          {article.excerpt}
        </p>
      )}
      {(overflows || expanded) && (
        <button type="button" class="link-button" aria-expanded={expanded} aria-controls={bodyId} onClick={() => setExpanded(!expanded)}>
          {expanded ? t.showLess : t.showMore}
        </button>
      )}
      {article.url && (
        <a class="card-link" href={article.url} target="_blank" rel="noopener noreferrer">
          {t.readArticle}
        </a>
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
