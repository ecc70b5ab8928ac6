import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Me } from '../api';
import { createSettingsApi, type SettingsApi } from '../client';
import { SettingsI18nContext, makeSettingsTranslate, useSettingsI18n } from '../../i18n/settings';
import { detectLocale, type Locale } from '../../i18n/translate';
import { loadSettings, saveSettings } from '../../lib/settings';
import { SettingsShell } from './SettingsShell';

type Session = { kind: 'checking' } | { kind: 'out' } | { kind: 'failed' } | { kind: 'in'; me: Me };

interface Props {
  /** For tests: a fake API and a record of where the page was sent. */
  api?: SettingsApi;
  goTo?: (path: string) => void;
}

/** The console's sign-in page: settings has none of its own. */
export const SIGN_IN = '/agent';

// Module-level so its identity is stable: the API client and the session check depend on it.
const navigate = (path: string) => location.assign(path);

/** Session gate: signed-out visitors go to the console's sign-in, agents get "Admins only", admins the settings. */
export function SettingsApp({ api: injected, goTo = navigate }: Props) {
  const [locale, setLocale] = useState<Locale>(() => loadSettings().locale ?? detectLocale(navigator.languages ?? [navigator.language]));
  const i18n = useMemo(() => ({ locale, t: makeSettingsTranslate(locale) }), [locale]);
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const signedOut = useCallback(() => {
    setSession({ kind: 'out' });
    goTo(SIGN_IN);
  }, [goTo]);
  const api = useMemo(() => injected ?? createSettingsApi(signedOut), [injected, signedOut]);

  useEffect(() => {
    api.me().then(
      (me) => (me ? setSession({ kind: 'in', me }) : signedOut()),
      () => setSession({ kind: 'failed' }),
    );
  }, [api, signedOut]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('settings.title');
  }, [locale, i18n]);

  const changeLocale = (l: Locale) => {
    setLocale(l);
    saveSettings({ ...loadSettings(), locale: l });
  };
  const signOut = () => void api.logout().then(signedOut);

  return (
    <SettingsI18nContext.Provider value={i18n}>
      {session.kind === 'checking' && (
        <p class="boot muted" role="status">
          {i18n.t('settings.loading')}
        </p>
      )}
      {session.kind === 'out' && (
        <p class="boot" role="status">
          {i18n.t('settings.redirecting')} <a href={SIGN_IN}>{i18n.t('settings.backToConsole')}</a>
        </p>
      )}
      {session.kind === 'failed' && (
        <p class="boot form-error" role="alert">
          {i18n.t('settings.loadFailed', { message: '/api/auth/me' })}
        </p>
      )}
      {session.kind === 'in' && session.me.role !== 'admin' && <AdminsOnly me={session.me} />}
      {session.kind === 'in' && session.me.role === 'admin' && <SettingsShell api={api} me={session.me} onLocale={changeLocale} onSignOut={signOut} />}
    </SettingsI18nContext.Provider>
  );
}

function AdminsOnly({ me }: { me: Me }) {
  const { t } = useSettingsI18n();
  return (
    <main class="signin">
      <div class="signin-card">
        <h1>{t('settings.adminsOnly')}</h1>
        <p>{t('settings.adminsOnlyText', { name: me.name, email: me.email })}</p>
        <p>
          <a href={SIGN_IN}>{t('settings.backToConsole')}</a>
        </p>
      </div>
    </main>
  );
}
