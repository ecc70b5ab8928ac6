import type { ComponentChildren, Context, JSX } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { detectLocale, type Locale } from '../i18n/translate';
import { signInFor } from '../lib/return-to';
import { loadSettings, saveSettings } from '../lib/settings';
import type { AdminMe, AdminRest } from './rest';
import { shellKey, type ShellI18n } from './shell-i18n';

/** What the shell needs of a page's REST client. */
export type SessionApi = Pick<AdminRest, 'me' | 'logout'>;

/** The console's sign-in page: the admin pages have none of their own. */
export const SIGN_IN = '/agent';

// Module-level so its identity is stable: the API client and the session check depend on it.
const navigate = (path: string) => location.assign(path);

type Session = { kind: 'checking' } | { kind: 'out' } | { kind: 'failed' } | { kind: 'in'; me: AdminMe };

export interface PageProps<A> {
  api: A;
  me: AdminMe;
  onLocale(locale: Locale): void;
  onSignOut(): void;
}

interface Props<P extends string, I extends ShellI18n<P>, A extends SessionApi> {
  /** The page's key prefix (`ops`, `settings`, `kb`): the shell's strings are `<prefix>.loading` and so on. */
  prefix: P;
  i18nFor(locale: Locale): I;
  /** The page's i18n context, which its components read. */
  context: Context<I>;
  createApi(onSignedOut: () => void): A;
  /** For tests: a fake API and a record of where the page was sent. */
  api?: A;
  goTo?: (path: string) => void;
  /** The page itself, for a signed-in admin. */
  page(props: PageProps<A>): JSX.Element;
}

/**
 * Session gate shared by the admin pages (ops, settings, KB editor): signed-out visitors go to the
 * console's sign-in, agents get "Admins only", admins the page; the language choice is saved for all.
 */
export function AdminApp<P extends string, I extends ShellI18n<P>, A extends SessionApi>({ prefix, i18nFor, context, createApi, api: injected, goTo = navigate, page }: Props<P, I, A>) {
  const [locale, setLocale] = useState<Locale>(() => loadSettings().locale ?? detectLocale(navigator.languages ?? [navigator.language]));
  const i18n = useMemo(() => i18nFor(locale), [i18nFor, locale]);
  const say = (word: Parameters<typeof shellKey>[1], params?: Record<string, string>) => i18n.t(shellKey(prefix, word), params);
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const signedOut = useCallback(() => {
    setSession({ kind: 'out' });
    goTo(signInFor(location));
  }, [goTo]);
  const api = useMemo(() => injected ?? createApi(signedOut), [injected, createApi, signedOut]);

  useEffect(() => {
    api.me().then(
      (me) => (me ? setSession({ kind: 'in', me }) : signedOut()),
      () => setSession({ kind: 'failed' }),
    );
  }, [api, signedOut]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t(shellKey(prefix, 'title'));
  }, [locale, i18n, prefix]);

  const changeLocale = (l: Locale) => {
    setLocale(l);
    saveSettings({ ...loadSettings(), locale: l });
  };
  const signOut = () => void api.logout().then(signedOut);

  return (
    <context.Provider value={i18n}>
      {session.kind === 'checking' && (
        <p class="boot muted" role="status">
          {say('loading')}
        </p>
      )}
      {session.kind === 'out' && (
        <p class="boot" role="status">
          {say('redirecting')} <a href={SIGN_IN}>{say('backToConsole')}</a>
        </p>
      )}
      {session.kind === 'failed' && (
        <p class="boot form-error" role="alert">
          {say('loadFailed', { message: '/api/auth/me' })}
        </p>
      )}
      {session.kind === 'in' && session.me.role !== 'admin' && (
        <AdminsOnly title={say('adminsOnly')} back={say('backToConsole')}>
          {say('adminsOnlyText', { name: session.me.name, email: session.me.email })}
        </AdminsOnly>
      )}
      {session.kind === 'in' && session.me.role === 'admin' && page({ api, me: session.me, onLocale: changeLocale, onSignOut: signOut })}
    </context.Provider>
  );
}

function AdminsOnly({ title, back, children }: { title: string; back: string; children: ComponentChildren }) {
  return (
    <main class="signin">
      <div class="signin-card">
        <h1>{title}</h1>
        <p>{children}</p>
        <p>
          <a href={SIGN_IN}>{back}</a>
        </p>
      </div>
    </main>
  );
}
