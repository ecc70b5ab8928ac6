import { useState } from 'preact/hooks';
import { format } from '../i18n/translate';
import { useI18n } from './i18n-context';

export interface CsatProps {
  sending: boolean;
  done: boolean;
  onSubmit(rating: number, comment: string): void;
}

/** After an agent resolves the chat: a 1–5 rating (radio buttons, so arrow keys work) and a comment. */
export function Csat({ sending, done, onSubmit }: CsatProps) {
  const { t } = useI18n();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');

  if (done) {
    return (
      <p class="form-panel" role="status">
        {t.csatThanks}
      </p>
    );
  }

  return (
    <form
      class="form-panel"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating !== null) onSubmit(rating, comment);
      }}
    >
      <fieldset class="rating">
        <legend>{t.csatQuestion}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} class={rating !== null && n <= rating ? 'star star-on' : 'star'}>
            <input
              type="radio"
              name="csat-rating"
              value={n}
              class="sr-only"
              data-autofocus={n === 1 ? true : undefined}
              checked={rating === n}
              onChange={() => setRating(n)}
            />
            <span aria-hidden="true">★</span>
            <span class="sr-only">{format(t.csatStar, { n })}</span>
          </label>
        ))}
      </fieldset>
      <label for="csat-comment">
        {t.csatComment} <span class="muted">{t.optional}</span>
      </label>
      <textarea id="csat-comment" rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <button type="submit" class="primary" disabled={rating === null || sending}>
        {sending ? t.sending : t.csatSubmit}
      </button>
    </form>
  );
}
