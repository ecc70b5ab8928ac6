import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../api';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { LOCALES, type Locale } from '../../i18n/translate';
import { SCREENS, screenOf, type ScreenId } from '../screens';
import { WebhooksScreen } from '../webhooks/WebhooksScreen';
import { AgentsScreen } from './AgentsScreen';
import { CannedScreen } from './CannedScreen';
import { SitesScreen } from './SitesScreen';

const NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

const SCREEN_VIEWS: Record<ScreenId, (props: { api: SettingsApi; me: Me }) => JSX.Element> = {
  sites: SitesScreen,
  agents: AgentsScreen,
  canned: CannedScreen,
  webhooks: WebhooksScreen,
};

interface Props {
  api: SettingsApi;
  me: Me;
  onLocale(locale: Locale): void;
  onSignOut(): void;
}

/** Header, the list of screens, and the chosen screen; the choice lives in the URL's hash so it can be linked. */
export function SettingsShell({ api, me, onLocale, onSignOut }: Props) {
  const { t, locale } = useSettingsI18n();
  const [screen, setScreen] = useState<ScreenId>(() => screenOf(location.hash));
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    const follow = () => setScreen(screenOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    // Moving focus to the new screen's heading tells keyboard and screen-reader users where they are.
    if (!first.current) heading.current?.focus();
    first.current = false;
  }, [screen]);

  const View = SCREEN_VIEWS[screen];
  const current = SCREENS.find((s) => s.id === screen)!;
  return (
    <div class="ops settings">
      <a class="skip" href="#settings-main">
        {t('settings.skip')}
      </a>
      <header class="topbar ops-top">
        <h1>{t('settings.title')}</h1>
        <div class="top-controls">
          <a href="/agent">{t('settings.backToConsole')}</a>
          <a href="/agent/ops">{t('settings.ops')}</a>
          <label class="toggle">
            {t('settings.language')}
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
            {t('settings.signOut')}
          </button>
        </div>
      </header>
      <div class="settings-body">
        <nav aria-label={t('settings.nav')} class="settings-nav">
          <ul>
            {SCREENS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} aria-current={s.id === screen ? 'page' : undefined}>
                  {t(s.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="settings-main" class="settings-main">
          <h2 ref={heading} tabIndex={-1} class="screen-title">
            {t(current.label)}
          </h2>
          <View api={api} me={me} />
        </main>
      </div>
    </div>
  );
}
