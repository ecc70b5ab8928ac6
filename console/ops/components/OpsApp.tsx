import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Me } from '../api';
import { createOpsApi, type OpsApi } from '../client';
import { OpsI18nContext, makeOpsTranslate, useOpsI18n } from '../../i18n/ops';
import { detectLocale, type Locale } from '../../i18n/translate';
import { loadSettings, saveSettings } from '../../lib/settings';
import { browserTimeZone } from '../lib/range';
import { Dashboard } from './Dashboard';

type Session = { kind: 'checking' } | { kind: 'out' } | { kind: 'failed' } | { kind: 'in'; me: Me };

interface Props {
  /** For tests: a fake API and a record of where the page was sent. */
  api?: OpsApi;
  goTo?: (path: string) => void;
  tz?: string;
}

/** The console's sign-in page: the dashboard has none of its own. */
export const SIGN_IN = '/agent';

/** Session gate: signed-out visitors go to the console's sign-in, agents get "Admins only", admins the dashboard. */
// Module-level so its identity is stable: the API client and the session check depend on it.
const navigate = (path: string) => location.assign(path);

export function OpsApp({ api: injected, goTo = navigate, tz = browserTimeZone() }: Props) {
  const [locale, setLocale] = useState<Locale>(() => loadSettings().locale ?? detectLocale(navigator.languages ?? [navigator.language]));
  const i18n = useMemo(() => ({ locale, t: makeOpsTranslate(locale) }), [locale]);
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const signedOut = useCallback(() => {
    setSession({ kind: 'out' });
    goTo(SIGN_IN);
  }, [goTo]);
  const api = useMemo(() => injected ?? createOpsApi(signedOut), [injected, signedOut]);

  useEffect(() => {
    api.me().then(
      (me) => (me ? setSession({ kind: 'in', me }) : signedOut()),
      () => setSession({ kind: 'failed' }),
    );
  }, [api, signedOut]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('ops.title');
  }, [locale, i18n]);

  const changeLocale = (l: Locale) => {
    setLocale(l);
    saveSettings({ ...loadSettings(), locale: l });
  };
  const signOut = () => void api.logout().then(signedOut);

  return (
    <OpsI18nContext.Provider value={i18n}>
      {session.kind === 'checking' && (
        <p class="boot muted" role="status">
          {i18n.t('ops.loading')}
        </p>
      )}
      {session.kind === 'out' && (
        <p class="boot" role="status">
          {i18n.t('ops.redirecting')} <a href={SIGN_IN}>{i18n.t('ops.backToConsole')}</a>
        </p>
      )}
      {session.kind === 'failed' && (
        <p class="boot form-error" role="alert">
          {i18n.t('ops.loadFailed', { message: '/api/auth/me' })}
        </p>
      )}
      {session.kind === 'in' && session.me.role !== 'admin' && <AdminsOnly me={session.me} />}
      {session.kind === 'in' && session.me.role === 'admin' && <Dashboard api={api} me={session.me} tz={tz} onLocale={changeLocale} onSignOut={signOut} />}
    </OpsI18nContext.Provider>
  );
}

function AdminsOnly({ me }: { me: Me }) {
  const { t } = useOpsI18n();
  return (
    <main class="signin">
      <div class="signin-card">
        <h1>{t('ops.adminsOnly')}</h1>
        <p>{t('ops.adminsOnlyText', { name: me.name, email: me.email })}</p>
        <p>
          <a href={SIGN_IN}>{t('ops.backToConsole')}</a>
        </p>
      </div>
    </main>
  );
}
