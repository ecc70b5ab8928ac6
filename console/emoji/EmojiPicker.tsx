import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/index';
import { searchEmoji } from './search';

/** Emoji per row of the grid: ArrowUp/ArrowDown move by this much. */
export const EMOJI_COLUMNS = 8;

interface Props {
  onPick(emoji: string): void;
  onClose(): void;
}

/**
 * Search plus a grid of emoji. Focus stays in the search box; the arrow keys move the highlighted
 * emoji (announced through aria-activedescendant), Enter inserts it and Escape closes. Loaded only
 * when an agent first opens it.
 */
export function EmojiPicker({ onPick, onClose }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const found = searchEmoji(query);
  const current = found[Math.min(active, found.length - 1)];

  useEffect(() => search.current?.focus(), []);
  useEffect(() => {
    search.current?.ownerDocument.getElementById(`emoji-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  function onKeyDown(e: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: EMOJI_COLUMNS, ArrowUp: -EMOJI_COLUMNS };
    const move = moves[e.key];
    if (move !== undefined && found.length > 0) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(found.length - 1, active + move)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) onPick(current[0]);
    } else if (e.key === 'Escape') {
      // The console closes other things on Escape; this one is the innermost.
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  }

  return (
    <div class="emoji-picker" role="dialog" aria-label={t('emoji.title')}>
      <input
        ref={search}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="emoji-list"
        aria-autocomplete="list"
        aria-activedescendant={current ? `emoji-${Math.min(active, found.length - 1)}` : undefined}
        aria-label={t('emoji.search')}
        placeholder={t('emoji.search')}
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="emoji-list" class="emoji-grid" role="listbox" aria-label={t('emoji.list')}>
        {found.map(([char, name], i) => (
          <li
            key={char}
            id={`emoji-${i}`}
            role="option"
            aria-selected={i === active}
            aria-label={name}
            title={name}
            class={i === active ? 'selected' : undefined}
            // mousedown, not click: focus must not leave for the list before the emoji goes in.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(char);
            }}
          >
            {char}
          </li>
        ))}
      </ul>
      {found.length === 0 && (
        <p class="emoji-none" role="status">
          {t('emoji.none')}
        </p>
      )}
    </div>
  );
}
