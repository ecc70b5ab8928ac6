import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { LIMITS } from '../../shared/limits';
import { useT } from '../i18n/index';
import { fillPlaceholders, matchCanned, shortcutQuery, type CannedResponse, type PlaceholderValues } from '../lib/canned';
import { CannedPicker } from './CannedPicker';
import { EmojiButton } from '../emoji/EmojiButton';
import type { UploadError } from '../lib/upload';

export type ComposerMode = 'text' | 'note';

interface Props {
  canned: readonly CannedResponse[];
  placeholders: PlaceholderValues;
  initialText?: string;
  inputRef?: Ref<HTMLTextAreaElement>;
  onDraft?(text: string): void;
  onSend(text: string, kind: ComposerMode): void;
  /** Uploads and sends a file (picker, paste or drop); rejects with the reason to show. */
  onAttach?(file: File): Promise<void>;
  onTyping(typing: boolean): void;
}

/**
 * Reply or internal note. Enter sends, Shift+Enter breaks the line, `/shortcut` offers canned
 * responses with placeholders filled, Alt+I switches between reply and note.
 */
export function Composer({ canned, placeholders, initialText = '', inputRef, onDraft, onSend, onAttach, onTyping }: Props) {
  const t = useT();
  const [upload, setUpload] = useState<{ name: string; error: UploadError | null } | null>(null);
  const [text, setText] = useState(initialText);
  const [caret, setCaret] = useState(initialText.length);
  const [mode, setMode] = useState<ComposerMode>('text');
  const [selected, setSelected] = useState(0);
  const [dismissed, setDismissed] = useState(false);

  const query = dismissed ? null : shortcutQuery(text.slice(0, caret));
  const matches = query ? matchCanned(canned, query.query) : [];
  const pickerOpen = matches.length > 0;
  const over = text.length - LIMITS.messageText;
  const note = mode === 'note';

  function update(next: string, nextCaret: number) {
    setText(next);
    setCaret(nextCaret);
    setSelected(0);
    setDismissed(false);
    onDraft?.(next);
    // Notes are internal: the visitor should not see "agent is typing" for them.
    if (!note) onTyping(next.trim().length > 0);
  }

  function pick(item: CannedResponse) {
    if (!query) return;
    const filled = fillPlaceholders(item.text, placeholders);
    const next = text.slice(0, query.start) + filled + text.slice(caret);
    update(next, query.start + filled.length);
  }

  function send() {
    const trimmed = text.trim();
    if (!trimmed || over > 0) return;
    onSend(trimmed, mode);
    update('', 0);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.altKey && e.code === 'KeyI') {
      e.preventDefault();
      setMode(note ? 'text' : 'note');
      return;
    }
    if (pickerOpen) {
      const pickKeys: Record<string, () => void> = {
        ArrowDown: () => setSelected((selected + 1) % matches.length),
        ArrowUp: () => setSelected((selected - 1 + matches.length) % matches.length),
        Enter: () => matches[selected] && pick(matches[selected]),
        Tab: () => matches[selected] && pick(matches[selected]),
        Escape: () => setDismissed(true),
      };
      const action = pickKeys[e.key];
      if (action && !e.shiftKey) {
        e.preventDefault();
        e.stopPropagation();
        action();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  }

  // Files go to the visitor, never into a note.
  const attach = (files?: FileList | null) => {
    if (!onAttach || note) return;
    for (const f of files ?? []) {
      setUpload({ name: f.name, error: null });
      onAttach(f).then(() => setUpload(null), (error: UploadError) => setUpload({ name: f.name, error }));
    }
  };

  const pickerId = 'canned-picker';
  return (
    <form
      class={note ? 'composer note-mode' : 'composer'}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => onAttach && !note && e.preventDefault()}
      onDrop={(e) => {
        if (!onAttach || note) return;
        e.preventDefault();
        attach(e.dataTransfer?.files);
      }}
    >
      <fieldset class="mode">
        <legend class="sr-only">{t('composer.mode')}</legend>
        <label>
          <input type="radio" name="composer-mode" value="text" checked={!note} onChange={() => setMode('text')} />
          {t('composer.reply')}
        </label>
        <label>
          <input type="radio" name="composer-mode" value="note" checked={note} onChange={() => setMode('note')} />
          {t('composer.noteMode')}
        </label>
      </fieldset>
      {pickerOpen && <CannedPicker id={pickerId} items={matches} selected={selected} onPick={pick} />}
      <label class="sr-only" for="composer-input">
        {note ? t('composer.noteLabel') : t('composer.label')}
      </label>
      <textarea
        id="composer-input"
        ref={inputRef}
        rows={3}
        value={text}
        placeholder={note ? t('composer.notePlaceholder') : t('composer.placeholder')}
        aria-autocomplete="list"
        aria-controls={pickerOpen ? pickerId : undefined}
        aria-activedescendant={pickerOpen ? `${pickerId}-${selected}` : undefined}
        aria-invalid={over > 0}
        aria-describedby={over > 0 ? 'composer-error' : undefined}
        onInput={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyUp={(e) => setCaret(e.currentTarget.selectionStart)}
        onClick={(e) => setCaret(e.currentTarget.selectionStart)}
        onBlur={() => onTyping(false)}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          if (e.clipboardData?.files.length) attach(e.clipboardData.files);
        }}
      />
      {upload && (
        <p class={upload.error ? 'form-error' : 'muted'} role={upload.error ? 'alert' : 'status'}>
          {upload.error ? t(`upload.${upload.error}`, { name: upload.name }) : t('upload.sending', { name: upload.name })}
        </p>
      )}
      {onAttach && !note && (
        <label class="attach-button">
          <input type="file" class="sr-only" onChange={(e) => (attach(e.currentTarget.files), (e.currentTarget.value = ''))} />
          {t('composer.attach')}
        </label>
      )}
      {over > 0 && (
        <p id="composer-error" class="form-error" role="alert">
          {t('composer.tooLong', { count: over })}
        </p>
      )}
      <EmojiButton inputId="composer-input" />
      <button type="submit" class="primary" disabled={!text.trim() || over > 0}>
        {note ? t('composer.addNote') : t('composer.send')}
      </button>
    </form>
  );
}
