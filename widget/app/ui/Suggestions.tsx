import type { ArticleCard } from '../../../shared/protocol/index';
import { useI18n } from './i18n-context';

export interface SuggestionsProps {
  suggestions: ArticleCard[];
  onChoose?: (articleId: string) => void;
}

/** The bot was unsure: a few articles to pick from, as buttons. */
export function Suggestions({ suggestions, onChoose }: SuggestionsProps) {
  const { t } = useI18n();
  return (
    <div class="suggestions" role="group" aria-label={t.suggestions}>
      {suggestions.map((s) => (
        <button key={s.id} type="button" class="chip" disabled={!onChoose} onClick={() => onChoose?.(s.id)}>
          {s.title}
        </button>
      ))}
    </div>
  );
}
