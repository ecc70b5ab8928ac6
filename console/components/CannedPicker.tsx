import { useT } from '../i18n/index';
import type { CannedResponse } from '../lib/canned';

interface Props {
  id: string;
  items: readonly CannedResponse[];
  selected: number;
  onPick(item: CannedResponse): void;
}

/** The `/shortcut` suggestions under the composer; the textarea keeps focus and drives it with the arrow keys. */
export function CannedPicker({ id, items, selected, onPick }: Props) {
  const t = useT();
  return (
    <ul id={id} class="canned" role="listbox" aria-label={t('composer.canned')}>
      {items.map((c, i) => (
        <li
          key={c.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === selected}
          class={i === selected ? 'selected' : undefined}
          // mousedown, not click: the textarea must not lose focus before the text is inserted.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(c);
          }}
        >
          <span class="shortcut">/{c.shortcut}</span> <span class="canned-text">{c.text}</span>
        </li>
      ))}
    </ul>
  );
}
