import type { FunctionComponent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/index';

type Picker = FunctionComponent<{ onPick(emoji: string): void; onClose(): void }>;

/**
 * Opens the emoji picker (a lazy chunk, fetched on first use) and inserts the chosen emoji at the
 * caret of the textarea `inputId`, as typing would: through an input event, so the composer's own
 * state, caret and typing signal follow.
 */
export function EmojiButton({ inputId }: { inputId: string }) {
  const t = useT();
  const [Picker, setPicker] = useState<Picker | null>(null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  async function toggle() {
    if (!Picker) {
      const m = await import('./EmojiPicker');
      setPicker(() => m.EmojiPicker);
    }
    setOpen(!open);
  }

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function insert(emoji: string) {
    const input = button.current?.ownerDocument.getElementById(inputId);
    setOpen(false);
    if (!(input instanceof HTMLTextAreaElement)) return;
    input.focus();
    input.setRangeText(emoji, input.selectionStart, input.selectionEnd, 'end');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  return (
    <div class="emoji">
      <button ref={button} type="button" class="emoji-button" aria-haspopup="dialog" aria-expanded={open} aria-label={t('emoji.open')} title={t('emoji.open')} onClick={() => void toggle()}>
        <span aria-hidden="true">😊</span>
      </button>
      {open && Picker && <Picker onPick={insert} onClose={close} />}
    </div>
  );
}
