import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminMe } from '../../admin/rest';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import type { Locale } from '../../i18n/translate';
import { AdminHeader } from '../../admin/AdminHeader';
import { SCREENS, screenOf, type ScreenId } from '../screens';
import { WebhooksScreen } from '../webhooks/WebhooksScreen';
import { AgentsScreen } from './AgentsScreen';
import { CannedScreen } from './CannedScreen';
import { SitesScreen } from './SitesScreen';

const SCREEN_VIEWS: Record<ScreenId, (props: { api: SettingsApi; me: AdminMe }) => JSX.Element> = {
  sites: SitesScreen,
  agents: AgentsScreen,
  canned: CannedScreen,
  webhooks: WebhooksScreen,
};

interface Props {
  api: SettingsApi;
  me: AdminMe;
  onLocale(locale: Locale): void;
  onSignOut(): void;
}

/** Header, the list of screens, and the chosen screen; the choice lives in the URL's hash so it can be linked. */
export function SettingsShell({ api, me, onLocale, onSignOut }: Props) {
  const i18n = useSettingsI18n();
  const { t } = i18n;
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
      <AdminHeader prefix="settings" i18n={i18n} class="ops-top" links={[{ href: '/agent/ops', label: t('settings.ops') }]} me={me} onLocale={onLocale} onSignOut={onSignOut} />
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
