import { useState } from 'preact/hooks';
import { FILE_KINDS, type FileKind } from '../../../shared/files';
import type { AdminSite } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine } from './Panel';
import type { SaveSite } from './SiteDetail';

const MB = 1_048_576;
const DEFAULTS = { enabled: true, maxBytes: 10 * MB, kinds: [...FILE_KINDS] };

/** Files visitors and agents may attach on this site: on or off, the largest size, and which kinds. */
export function AttachmentsForm({ site, save }: { site: AdminSite; save: SaveSite }) {
  const { t } = useSettingsI18n();
  const a = site.settings.attachments ?? DEFAULTS;
  const [enabled, setEnabled] = useState(a.enabled);
  const [megabytes, setMegabytes] = useState(String(Math.round((a.maxBytes / MB) * 10) / 10));
  const [kinds, setKinds] = useState<FileKind[]>(a.kinds);
  const { pending, feedback, run } = useSubmit();

  const submit = (e: Event) => {
    e.preventDefault();
    const maxBytes = Math.round(Number(megabytes) * MB);
    void run(() => save({ settings: { attachments: { enabled, maxBytes, kinds } } }), () => t('settings.saved'), (m) => t('settings.notSaved', { message: m }));
  };
  const toggle = (k: FileKind, on: boolean) => setKinds(on ? FILE_KINDS.filter((x) => x === k || kinds.includes(x)) : kinds.filter((x) => x !== k));

  return (
    <section class="panel" aria-labelledby="files-h">
      <h4 id="files-h">{t('files.heading')}</h4>
      <form class="editor" onSubmit={submit}>
        <label class="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> {t('files.enabled')}
        </label>
        <label>
          {t('files.maxMb')}
          <input type="number" min={0.1} max={100} step={0.1} required value={megabytes} disabled={!enabled} onInput={(e) => setMegabytes(e.currentTarget.value)} aria-describedby="files-max-help" />
        </label>
        <p class="muted" id="files-max-help">
          {t('files.maxHelp')}
        </p>
        <fieldset disabled={!enabled}>
          <legend>{t('files.kinds')}</legend>
          {FILE_KINDS.map((k) => (
            <label key={k} class="check">
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => toggle(k, e.currentTarget.checked)} /> {t(`files.kind.${k}`)}
            </label>
          ))}
          <p class="muted">{t('files.kindsHelp')}</p>
        </fieldset>
        <div>
          <button type="submit" class="primary" disabled={pending}>
            {t('files.save')}
          </button>
        </div>
        <FeedbackLine feedback={feedback} />
      </form>
    </section>
  );
}
