import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { createKbApi, type KbApi, type Me } from '../api';
import { KbI18nContext, makeKbTranslate, useKbI18n } from '../i18n/index';
import { detectLocale, type Locale } from '../../i18n/translate';
import { loadSettings, saveSettings } from '../../lib/settings';
import { KbPage } from './KbPage';

type Session = { kind: 'checking' } | { kind: 'out' } | { kind: 'failed' } | { kind: 'in'; me: Me };

/** The console's sign-in page: the editor has none of its own. */
export const SIGN_IN = '/agent';

// Module-level so its identity is stable: the API client and the session check depend on it.
const navigate = (path: string) => location.assign(path);

/** Session gate: signed-out visitors go to the console's sign-in, agents get "Admins only", admins the editor. */
export function KbApp({ api: injected, goTo = navigate }: { api?: KbApi; goTo?: (path: string) => void }) {
  const [locale, setLocale] = useState<Locale>(() => loadSettings().locale ?? detectLocale(navigator.languages ?? [navigator.language]));
  const i18n = useMemo(() => ({ locale, t: makeKbTranslate(locale) }), [locale]);
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const signedOut = useCallback(() => {
    setSession({ kind: 'out' });
    goTo(SIGN_IN);
  }, [goTo]);
  const api = useMemo(() => injected ?? createKbApi(signedOut), [injected, signedOut]);

  useEffect(() => {
    api.me().then(
      (me) => (me ? setSession({ kind: 'in', me }) : signedOut()),
      () => setSession({ kind: 'failed' }),
    );
  }, [api, signedOut]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('kb.title');
  }, [locale, i18n]);

  const changeLocale = (l: Locale) => {
    setLocale(l);
    saveSettings({ ...loadSettings(), locale: l });
  };

  return (
    <KbI18nContext.Provider value={i18n}>
      {session.kind === 'checking' && (
        <p class="boot muted" role="status">
          {i18n.t('kb.loading')}
        </p>
      )}
      {session.kind === 'out' && (
        <p class="boot" role="status">
          {i18n.t('kb.redirecting')} <a href={SIGN_IN}>{i18n.t('kb.backToConsole')}</a>
        </p>
      )}
      {session.kind === 'failed' && (
        <p class="boot form-error" role="alert">
          {i18n.t('kb.loadFailed', { message: '/api/auth/me' })}
        </p>
      )}
      {session.kind === 'in' && session.me.role !== 'admin' && <AdminsOnly me={session.me} />}
      {session.kind === 'in' && session.me.role === 'admin' && <KbPage api={api} me={session.me} onLocale={changeLocale} onSignOut={() => void api.logout().then(signedOut)} />}
    </KbI18nContext.Provider>
  );
}

function AdminsOnly({ me }: { me: Me }) {
  const { t } = useKbI18n();
  return (
    <main class="signin">
      <div class="signin-card">
        <h1>{t('kb.adminsOnly')}</h1>
        <p>{t('kb.adminsOnlyText', { name: me.name, email: me.email })}</p>
        <p>
          <a href={SIGN_IN}>{t('kb.backToConsole')}</a>
        </p>
      </div>
    </main>
  );
}
