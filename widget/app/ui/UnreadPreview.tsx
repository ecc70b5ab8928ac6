import { useState } from 'preact/hooks';
import type { WireMessage } from '../../../shared/protocol/index';
import { describeMessage, format } from '../i18n/translate';
import { useI18n } from './i18n-context';

const PREVIEW_CHARS = 140;

export interface UnreadPreviewProps {
  /** The newest reply the visitor has not seen (panel closed), or null. */
  message: WireMessage | null;
  onOpen(): void;
}

/**
 * A bubble above the closed launcher with the start of an unread reply, so a visitor who closed the
 * chat sees what came in, not only a count. Clicking it opens the chat; dismissing hides it until
 * the next reply. Announced politely: the panel's own live region is hidden while it is closed.
 */
export function UnreadPreview({ message, onOpen }: UnreadPreviewProps) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const shown = message && message.id !== dismissed ? message : null;
  const who = shown ? (shown.author === 'bot' ? t.bot : (shown.authorName ?? t.agent)) : '';
  const text = shown ? describeMessage(shown, t) : '';
  return (
    <div class="preview-slot" aria-live="polite">
      {shown && (
        <div class="preview" dir="auto" role="group" aria-label={format(t.previewFrom, { name: who })}>
          {/* Named by what it shows (axe label-content-name-mismatch): voice users say what they see. */}
          <button type="button" class="preview-open" onClick={onOpen}>
            <strong>{who}:</strong>
            <span>{text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text}</span>
          </button>
          <button type="button" class="icon-button preview-dismiss" aria-label={t.dismiss} onClick={() => setDismissed(shown.id)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
