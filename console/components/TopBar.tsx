import type { AgentProfile, Presence } from '../../shared/protocol/index';
import { LOCALES, useI18n, type Locale } from '../i18n/index';
import type { ConnectionStatus } from '../model/index';

interface Props {
  me: AgentProfile | null;
  presence: Presence;
  connection: ConnectionStatus;
  sound: boolean;
  canAskNotifications: boolean;
  contextOpen: boolean;
  historyOpen: boolean;
  onPresence(status: 'online' | 'away'): void;
  onSound(on: boolean): void;
  onAskNotifications(): void;
  onLocale(locale: Locale): void;
  onHelp(): void;
  onToggleHistory(): void;
  onToggleContext(): void;
  onSignOut(): void;
  onProfile(): void;
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

export function TopBar(p: Props) {
  const { t, locale } = useI18n();
  return (
    <header class="topbar">
      <h1>{t('app.title')}</h1>
      {p.connection !== 'open' && (
        <span class="conn" role="status">
          {t('top.connecting')}
        </span>
      )}
      <div class="top-controls">
        <label class={`presence ${p.presence}`}>
          <span class="dot" aria-hidden="true" />
          <span class="sr-only">{t('top.presence')}</span>
          <select value={p.presence === 'away' ? 'away' : 'online'} onChange={(e) => p.onPresence(e.currentTarget.value === 'away' ? 'away' : 'online')}>
            <option value="online">{t('presence.online')}</option>
            <option value="away">{t('presence.away')}</option>
          </select>
        </label>
        <label class="toggle" title={t('top.sound')}>
          <input type="checkbox" aria-label={t('top.sound')} checked={p.sound} onChange={(e) => p.onSound(e.currentTarget.checked)} />
          <span aria-hidden="true">{t('top.soundShort')}</span>
        </label>
        {p.canAskNotifications && (
          <button type="button" class="link" title={t('top.notifications')} onClick={p.onAskNotifications}>
            {t('top.notificationsShort')}
          </button>
        )}
        <label>
          <span class="sr-only">{t('top.language')}</span>
          <select value={locale} onChange={(e) => p.onLocale(e.currentTarget.value === 'es' ? 'es' : 'en')}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={p.historyOpen} onClick={p.onToggleHistory}>
          {t('top.history')}
        </button>
        <button type="button" class="context-toggle" aria-expanded={p.contextOpen} aria-controls="context" onClick={p.onToggleContext}>
          {t('top.context')}
        </button>
        <button type="button" onClick={p.onHelp} aria-haspopup="dialog" aria-keyshortcuts="?">
          <span aria-hidden="true">?</span>
          <span class="sr-only">{t('top.help')}</span>
        </button>
        {p.me?.role === 'admin' && <a href="/agent/ops">{t('top.ops')}</a>}
        {p.me?.role === 'admin' && <a href="/agent/settings">{t('top.settings')}</a>}
        {p.me?.role === 'admin' && <a href="/agent/kb">{t('top.kb')}</a>}
        {p.me && (
          <button type="button" class="me" aria-haspopup="dialog" onClick={p.onProfile}>
            {p.me.name}
            <span class="sr-only"> — {t('profile.open')}</span>
          </button>
        )}
        <button type="button" onClick={p.onSignOut}>
          {t('top.signOut')}
        </button>
      </div>
    </header>
  );
}
