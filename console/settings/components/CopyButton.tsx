import { useState } from 'preact/hooks';
import { useSettingsI18n } from '../../i18n/settings';
import { copyText } from '../lib/copy';

/** Copies `text` and says so in a polite live region; `label` names what is copied for screen readers. */
export function CopyButton({ text, label, copy = copyText }: { text: string; label: string; copy?: (text: string) => Promise<boolean> }) {
  const { t } = useSettingsI18n();
  const [said, setSaid] = useState<string | null>(null);
  const run = async () => setSaid((await copy(text)) ? t('copy.done') : t('copy.failed'));
  return (
    <span class="copy">
      <button type="button" onClick={() => void run()} aria-label={t('copy.label', { what: label })}>
        {t('copy.button')}
      </button>
      <span role="status" class="muted">
        {said}
      </span>
    </span>
  );
}
