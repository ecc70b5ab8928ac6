import { useState } from 'preact/hooks';
import { useI18n } from './i18n-context';

export interface NpsProps {
  sending: boolean;
  /** A 0–10 score with an optional comment, or null for "no thanks". */
  onAnswer(score: number | null, comment: string): void;
}

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The optional NPS question after a rated chat: 0–10 as radio buttons (arrow keys move), a comment, or "no thanks". */
export function Nps({ sending, onAnswer }: NpsProps) {
  const { t } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  return (
    <form
      class="form-panel"
      onSubmit={(e) => {
        e.preventDefault();
        if (score !== null) onAnswer(score, comment);
      }}
    >
      <fieldset class="rating" aria-describedby="nps-scale">
        <legend>{t.npsQuestion}</legend>
        {SCORES.map((n) => (
          <label key={n} class={n === score ? 'nps nps-on' : 'nps'}>
            <input type="radio" name="nps-score" value={n} class="sr-only" checked={n === score} onChange={() => setScore(n)} />
            {n}
          </label>
        ))}
        <span id="nps-scale" class="muted">{t.npsScale}</span>
      </fieldset>
      <label for="nps-comment">
        {t.csatComment} <span class="muted">{t.optional}</span>
      </label>
      <textarea id="nps-comment" rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <div class="nps-actions">
        <button type="button" class="chip" disabled={sending} onClick={() => onAnswer(null, '')}>
          {t.npsSkip}
        </button>
        <button type="submit" class="primary" disabled={score === null || sending}>
          {sending ? t.sending : t.csatSubmit}
        </button>
      </div>
    </form>
  );
}
