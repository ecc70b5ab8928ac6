import { useT, type MessageKey } from '../i18n/index';
import { Dialog } from './Dialog';

const SHORTCUTS: readonly (readonly [string, MessageKey])[] = [
  ['Alt+N · J', 'help.next'],
  ['Alt+P · K', 'help.prev'],
  ['Alt+R', 'help.resolve'],
  ['Alt+C · /', 'help.composer'],
  ['Alt+I', 'help.note'],
  ['Enter', 'help.send'],
  ['?', 'help.help'],
];

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const t = useT();
  return (
    <Dialog labelledBy="help-title" onClose={onClose}>
      <h2 id="help-title">{t('help.heading')}</h2>
      <dl class="shortcuts">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={label}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        {t('help.close')}
      </button>
    </Dialog>
  );
}
