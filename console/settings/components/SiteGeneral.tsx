import { useState } from 'preact/hooks';
import type { AdminSite } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine } from './Panel';
import type { SaveSite } from './SiteDetail';

interface Props {
  site: AdminSite;
  save: SaveSite;
  remove(): Promise<void>;
}

/** Name, on/off, and deleting, which asks for the site's key first because it cannot be undone. */
export function SiteGeneral({ site, save, remove }: Props) {
  const { t } = useSettingsI18n();
  const [name, setName] = useState(site.name);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const { pending, feedback, run } = useSubmit();
  const fail = (m: string) => t('settings.notSaved', { message: m });

  const rename = (e: Event) => {
    e.preventDefault();
    void run(() => save({ name: name.trim() }), () => t('settings.saved'), fail);
  };
  const toggle = () => void run(() => save({ disabled: !site.disabled }), (s) => (s.disabled ? t('site.disabledNow') : t('site.enabledNow')), fail);
  const destroy = (e: Event) => {
    e.preventDefault();
    void run(remove, () => '', fail);
  };

  return (
    <section class="panel" aria-labelledby="general-h">
      <h4 id="general-h">{t('site.general')}</h4>
      <form class="editor inline-form" onSubmit={rename}>
        <label>
          {t('sites.name')}
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={120} />
        </label>
        <button type="submit" disabled={pending || name.trim() === site.name}>
          {t('site.rename')}
        </button>
      </form>
      <p>
        {site.disabled ? t('site.isDisabled') : t('site.isActive')}{' '}
        <button type="button" onClick={toggle} disabled={pending}>
          {site.disabled ? t('site.enable') : t('site.disable')}
        </button>
      </p>
      {confirming ? (
        <form class="editor danger-zone" onSubmit={destroy}>
          <p class="warning">{t('site.deleteWarning', { name: site.name })}</p>
          <label>
            {t('site.deleteType', { key: site.key })}
            <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autoComplete="off" />
          </label>
          <div class="row-actions">
            <button type="submit" class="danger" disabled={pending || typed.trim() !== site.key}>
              {t('site.deleteForGood')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('settings.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('site.delete')}
        </button>
      )}
      <FeedbackLine feedback={feedback} />
    </section>
  );
}
