import type { ChatState, ConnectionState } from '../model/state';
import { format } from '../i18n/translate';
import { useI18n } from './i18n-context';

export function ConnectionBanner({ connection, stopReason }: { connection: ConnectionState; stopReason: ChatState['stopReason'] }) {
  const { t } = useI18n();
  if (connection === 'stopped') {
    return (
      <p class="banner banner-stopped" role="alert">
        {stopReason === 'disabled' ? t.errors.site_disabled : stopReason === 'forbidden' ? t.stoppedForbidden : t.stoppedReload}
      </p>
    );
  }
  if (connection !== 'offline') return null;
  return (
    <p class="banner" role="status">
      {t.offline}
    </p>
  );
}

/** An error the visitor should read in words (rate limit, too long…), not tied to one message. */
export function ErrorNotice({ notice, onDismiss }: { notice: ChatState['notice']; onDismiss(): void }) {
  const { t } = useI18n();
  if (!notice) return null;
  return (
    <div class="notice" role="alert">
      <p>{t.errors[notice]}</p>
      <button type="button" class="icon-button" aria-label={t.dismiss} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

export function TypingIndicator({ name }: { name: string | null }) {
  const { t } = useI18n();
  if (name === null) return null;
  return (
    <p class="typing">
      <span class="dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {name ? format(t.typing, { name }) : t.someoneTyping}
    </p>
  );
}
