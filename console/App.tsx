import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AgentProfile } from '../shared/protocol/index';
import { createApi, type ConsoleApi } from './api/http';
import { SignIn } from './components/SignIn';
import { Workspace } from './components/Workspace';
import { I18nContext, detectLocale, makeTranslate, type Locale, type MessageKey } from './i18n/index';
import { returnTarget } from './lib/return-to';
import { loadSettings, saveSettings, type Settings } from './lib/settings';
import { agentSocketUrl, type SocketFactory } from './model/index';

type Session = { kind: 'checking' } | { kind: 'out'; notice: MessageKey | null } | { kind: 'in'; agent: AgentProfile };

interface Props {
  /** For tests: a fake REST client and socket. */
  api?: ConsoleApi;
  createSocket?: SocketFactory;
}

/** Session gate: sign-in until the server knows the agent, then the workspace; any 401 comes back here. */
export function App({ api: injectedApi, createSocket }: Props) {
  const [settings, setSettings] = useState<Settings>(loadSettings);
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const locale: Locale = settings.locale ?? detectLocale(navigator.languages ?? [navigator.language]);
  const i18n = useMemo(() => ({ locale, t: makeTranslate(locale) }), [locale]);

  const expire = useCallback(() => setSession({ kind: 'out', notice: 'signin.expired' }), []);
  const api = useMemo(() => injectedApi ?? createApi(expire), [injectedApi, expire]);

  useEffect(() => {
    api.me().then(
      (agent) => setSession(agent ? { kind: 'in', agent } : { kind: 'out', notice: null }),
      () => setSession({ kind: 'out', notice: 'signin.failed' }),
    );
  }, [api]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const update = (patch: Partial<Settings>) => {
    const next = { ...settings, ...patch };
    setSettings(next);
    saveSettings(next);
  };

  // An admin page that sent the agent here to sign in gets them back (`?next=`, console/lib/return-to.ts).
  const signedIn = (agent: AgentProfile) => {
    const next = returnTarget(location.search);
    if (next) location.assign(next);
    else setSession({ kind: 'in', agent });
  };

  const signOut = useCallback(() => {
    void api.logout();
    setSession({ kind: 'out', notice: 'signin.signedOut' });
  }, [api]);

  return (
    <I18nContext.Provider value={i18n}>
      {session.kind === 'checking' && (
        <p class="boot muted" role="status">
          {i18n.t('app.loading')}
        </p>
      )}
      {session.kind === 'out' && <SignIn login={api.login} notice={session.notice} onSignedIn={signedIn} />}
      {session.kind === 'in' && (
        <Workspace
          key={session.agent.id}
          api={api}
          socketUrl={agentSocketUrl(location)}
          createSocket={createSocket}
          sound={settings.sound}
          onSound={(sound) => update({ sound })}
          onLocale={(l) => update({ locale: l })}
          onSessionEnded={expire}
          onSignOut={signOut}
        />
      )}
    </I18nContext.Provider>
  );
}
