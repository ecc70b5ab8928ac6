import { useEffect } from 'preact/hooks';
import { useT, type MessageKey, type Translate } from '../i18n/index';
import type { Notice } from '../model/index';
import type { ErrorCode } from '../../shared/errors';

const AUTO_DISMISS_MS = 8_000;

function textOf(n: Notice, t: Translate): string {
  switch (n.kind) {
    case 'already_claimed':
      return t('notice.already_claimed');
    case 'assigned':
      return t('notice.assignedToYou');
    case 'transferred':
      return t('transfer.done');
    case 'bad_version':
      return t('notice.badVersion');
    case 'error': {
      const key = ERROR_KEYS[n.code];
      return key ? t(key) : t('error.generic', { message: n.message });
    }
  }
}

/** Codes an agent can act on get a translated sentence; the rest show the server's words. */
const ERROR_KEYS: Partial<Record<ErrorCode, MessageKey>> = {
  text_too_long: 'error.text_too_long',
  rate_limited: 'error.rate_limited',
  invalid_state: 'error.invalid_state',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
};

/** Short messages about what just happened; info is polite, errors interrupt. */
export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss(id: number): void }) {
  const t = useT();
  return (
    <div class="notices">
      <div role="status" aria-live="polite">
        {notices.filter((n) => n.tone === 'info').map((n) => (
          <NoticeItem key={n.id} notice={n} text={textOf(n, t)} dismissLabel={t('notice.dismiss')} onDismiss={onDismiss} />
        ))}
      </div>
      <div role="alert">
        {notices.filter((n) => n.tone === 'error').map((n) => (
          <NoticeItem key={n.id} notice={n} text={textOf(n, t)} dismissLabel={t('notice.dismiss')} onDismiss={onDismiss} />
        ))}
      </div>
    </div>
  );
}

function NoticeItem({ notice, text, dismissLabel, onDismiss }: { notice: Notice; text: string; dismissLabel: string; onDismiss(id: number): void }) {
  useEffect(() => {
    if (notice.kind === 'bad_version') return;
    const timer = setTimeout(() => onDismiss(notice.id), AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  return (
    <p class={`notice ${notice.tone}`}>
      <span>{text}</span>
      <button type="button" class="link" aria-label={dismissLabel} onClick={() => onDismiss(notice.id)}>
        ×
      </button>
    </p>
  );
}
