import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import type { SendResult } from '../model/store';
import { format } from '../i18n/translate';
import { useI18n } from './i18n-context';
import { Lazy } from './Lazy';
import type { UploadError } from '../attach/strings';

export interface ComposerProps {
  onSend(text: string): SendResult;
  onTyping(active: boolean): void;
  disabled?: boolean;
  limit?: number;
  /** Uploads and sends a file (picker, paste or drop); absent when the site takes no files. */
  onAttach?(file: File): Promise<void>;
}

/** The counter appears once the visitor is this close to the limit. */
const WARN_WITHIN = 200;

/** Text box: Enter sends, Shift+Enter adds a line, and the character limit shows when it matters. */
export function Composer({ onSend, onTyping, disabled = false, limit = LIMITS.messageText, onAttach }: ComposerProps) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  // `no_chunk`: the attachments code itself could not be fetched, so its words are not here either.
  const [upload, setUpload] = useState<{ name: string; error: UploadError | 'no_chunk' | null } | null>(null);
  const attach = (files?: FileList | null) => {
    for (const f of files ?? []) {
      setUpload({ name: f.name, error: null });
      onAttach?.(f).then(() => setUpload(null), (error: unknown) => setUpload({ name: f.name, error: typeof error === 'string' ? (error as UploadError) : 'no_chunk' }));
    }
  };
  const length = text.trim().length;
  const over = length > limit;
  const counterId = 'composer-counter';

  const submit = () => {
    if (disabled || over) return;
    if (onSend(text) === 'ok') setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => onAttach && e.preventDefault()}
      onDrop={(e) => {
        if (!onAttach) return;
        e.preventDefault();
        attach(e.dataTransfer?.files);
      }}
    >
      {upload?.error === 'no_chunk' ? (
        <p class="counter counter-over" role="alert">
          {upload.name}: {t.notSent}
        </p>
      ) : (
        upload && <Lazy k="UploadNotice" name={upload.name} error={upload.error} locale={locale} />
      )}
      <label class="sr-only" for="composer-input">
        {t.composerLabel}
      </label>
      <textarea
        id="composer-input"
        data-autofocus
        rows={2}
        value={text}
        placeholder={t.composerPlaceholder}
        aria-describedby={length > limit - WARN_WITHIN ? counterId : 'composer-hint'}
        aria-invalid={over}
        disabled={disabled}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          onTyping(value.trim().length > 0);
        }}
        onPaste={(e) => e.clipboardData?.files.length && attach(e.clipboardData.files)}
        onKeyDown={(e) => {
          // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <span class="sr-only" id="composer-hint">
        {t.composerHint}
      </span>
      {length > limit - WARN_WITHIN && (
        <p id={counterId} class={over ? 'counter counter-over' : 'counter'} aria-live="polite">
          {over ? format(t.charsOver, { n: length - limit }) : format(t.charsLeft, { n: limit - length })}
        </p>
      )}
      {onAttach && (
        <label class="send attach">
          <input type="file" class="sr-only" aria-label={t.attach} disabled={disabled} onChange={(e) => (attach(e.currentTarget.files), (e.currentTarget.value = ''))} />
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M11 5h2v14h-2zM5 11h14v2H5z" />
          </svg>
        </label>
      )}
      <button type="submit" class="send" disabled={disabled || over || length === 0} aria-label={t.send}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z" />
        </svg>
      </button>
    </form>
  );
}
