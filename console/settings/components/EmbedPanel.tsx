import { useState } from 'preact/hooks';
import type { AdminSite, SiteSecret } from '../api';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { useSubmit } from '../lib/useSubmit';
import { CopyButton } from './CopyButton';
import { FeedbackLine } from './Panel';

/** Grace periods offered when rotating: how long the old secret still verifies `userHash`. */
export const GRACE_HOURS = [0, 1, 24, 72, 168] as const;

/** The one-tag snippet the server wrote, or the same tag built for this server when it sent none. */
export function snippetOf(site: AdminSite, origin = location.origin): string {
  return site.snippet ?? `<script src="${origin}/widget.js" data-site="${site.key}" async></script>`;
}

/** What a site owner pastes into their pages: the key, the snippet, and the secret for identity verification. */
export function EmbedPanel({ api, site }: { api: SettingsApi; site: AdminSite }) {
  const { t } = useSettingsI18n();
  const snippet = snippetOf(site);
  return (
    <section class="panel" aria-labelledby="embed-h">
      <h4 id="embed-h">{t('embed.heading')}</h4>
      <dl class="facts">
        <dt>{t('sites.key')}</dt>
        <dd>
          <code>{site.key}</code> <CopyButton text={site.key} label={t('sites.key')} />
        </dd>
      </dl>
      <label for="embed-snippet">{t('embed.snippet')}</label>
      <p class="muted" id="embed-snippet-help">
        {t('embed.snippetHelp')}
      </p>
      <textarea id="embed-snippet" class="code" readOnly rows={2} value={snippet} aria-describedby="embed-snippet-help" />
      <CopyButton text={snippet} label={t('embed.snippet')} />
      <SecretField api={api} siteId={site.id} />
    </section>
  );
}

function SecretField({ api, siteId }: { api: SettingsApi; siteId: string }) {
  const { t } = useSettingsI18n();
  const [secret, setSecret] = useState<SiteSecret | null>(null);
  const [grace, setGrace] = useState<number>(24);
  // Rotating breaks every server still signing with the old secret once the grace ends: asked twice.
  const [confirming, setConfirming] = useState(false);
  const { pending, feedback, run } = useSubmit();
  const show = async () => {
    const s = await run(() => api.secret(siteId), () => '', (m) => t('settings.loadFailed', { message: m }));
    if (s) setSecret(s);
  };
  const rotate = async () => {
    setConfirming(false);
    const s = await run(() => api.rotateSecret(siteId, grace), () => t('secret.rotated'), (m) => t('settings.notSaved', { message: m }));
    if (s) setSecret(s);
  };
  return (
    <div class="secret">
      <h5>{t('secret.heading')}</h5>
      <p class="muted">{t('secret.help')}</p>
      {secret ? (
        <>
          <label>
            {t('secret.label')}
            <input class="code" readOnly value={secret.secret} />
          </label>
          <CopyButton text={secret.secret} label={t('secret.label')} />
          <button type="button" onClick={() => setSecret(null)}>
            {t('secret.hide')}
          </button>
          {secret.previousSecretExpiresAt && <p class="muted">{t('secret.previousUntil', { at: new Date(secret.previousSecretExpiresAt).toLocaleString() })}</p>}
        </>
      ) : (
        <button type="button" onClick={() => void show()} disabled={pending}>
          {t('secret.show')}
        </button>
      )}
      <div class="inline-form">
        <label>
          {t('secret.grace')}
          <select value={grace} onChange={(e) => setGrace(Number(e.currentTarget.value))}>
            {GRACE_HOURS.map((h) => (
              <option key={h} value={h}>
                {h === 0 ? t('secret.graceNone') : t('secret.graceHours', { hours: h })}
              </option>
            ))}
          </select>
        </label>
        {!confirming && (
          <button type="button" onClick={() => setConfirming(true)} disabled={pending}>
            {t('secret.rotate')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="danger-zone" role="group" aria-labelledby="rotate-q">
          <p id="rotate-q">{grace === 0 ? t('secret.confirmNow') : t('secret.confirmGrace', { hours: grace })}</p>
          <div class="row-actions">
            <button type="button" class="danger" onClick={() => void rotate()}>
              {t('secret.rotateNow')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('settings.cancel')}
            </button>
          </div>
        </div>
      )}
      <FeedbackLine feedback={feedback?.text ? feedback : null} />
    </div>
  );
}
