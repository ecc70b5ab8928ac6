import type { Me } from '../api';
import { useKbI18n } from '../i18n/index';
import { LOCALES, type Locale } from '../../i18n/translate';

const NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

/** Title, the ways back to the console and to the ops page, language, and sign-out. */
export function KbHeader({ me, onLocale, onSignOut }: { me: Me; onLocale(l: Locale): void; onSignOut(): void }) {
  const { t, locale } = useKbI18n();
  return (
    <header class="topbar kb-top">
      <h1>{t('kb.title')}</h1>
      <div class="top-controls">
        <a href="/agent">{t('kb.backToConsole')}</a>
        <a href="/agent/ops">{t('kb.ops')}</a>
        <label class="toggle">
          {t('kb.language')}
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
          {t('kb.signOut')}
        </button>
      </div>
    </header>
  );
}
