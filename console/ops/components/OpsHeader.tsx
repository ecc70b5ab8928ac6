import type { Me } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { LOCALES, type Locale } from '../../i18n/translate';

const NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

/** Title, the way back to the agent console, language, and sign-out. */
export function OpsHeader({ me, onLocale, onSignOut }: { me: Me; onLocale(l: Locale): void; onSignOut(): void }) {
  const { t, locale } = useOpsI18n();
  return (
    <header class="topbar ops-top">
      <h1>{t('ops.title')}</h1>
      <div class="top-controls">
        <a href="/agent">{t('ops.backToConsole')}</a>
        <a href="/agent/settings">{t('ops.settings')}</a>
        <label class="toggle">
          {t('ops.language')}
          <select value={locale} onChange={(e) => onLocale(e.currentTarget.value === 'es' ? 'es' : 'en')}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <span class="me">{me.name}</span>
        <button type="button" onClick={onSignOut}>
          {t('ops.signOut')}
        </button>
      </div>
    </header>
  );
}
