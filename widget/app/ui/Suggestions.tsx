import { useState } from 'preact/hooks';
import type { ArticleCard } from '../../../shared/protocol/index';
import { useI18n } from './i18n-context';

export interface SuggestionsProps {
  suggestions: ArticleCard[];
  /** Omitted once the choice is spent (a later bot turn, an earlier conversation): the chips are disabled. */
  onChoose?: (articleId: string) => void;
}

/** The bot was unsure: a few articles to pick from, as buttons; one pick disables them all. */
export function Suggestions({ suggestions, onChoose }: SuggestionsProps) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const open = onChoose !== undefined && chosen === null;
  return (
    <div class="suggestions" role="group" aria-label={t.suggestions}>
      {suggestions.map((s) => (
        <button
          key={s.id}
          type="button"
          class="chip"
          disabled={!open}
          aria-pressed={chosen === null ? undefined : chosen === s.id}
          onClick={() => {
            setChosen(s.id);
            onChoose?.(s.id);
          }}
        >
          {s.title}
        </button>
      ))}
    </div>
  );
}
