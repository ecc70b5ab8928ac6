import { LOCALES, type Locale } from '../i18n/translate';
import type { AdminMe } from './rest';
import { shellKey, type ShellI18n } from './shell-i18n';

const NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

interface Props<P extends string> {
  prefix: P;
  i18n: ShellI18n<P>;
  /** The other admin pages this one links to, after the way back to the agent console. */
  links: Array<{ href: string; label: string }>;
  /** The page's own class beside `topbar` (its layout differs). */
  class: string;
  me: AdminMe;
  onLocale(locale: Locale): void;
  onSignOut(): void;
}

/** The admin pages' top bar: title, the way back to the agent console, the other pages, language, and sign-out. */
export function AdminHeader<P extends string>({ prefix, i18n: { t, locale }, links, class: pageClass, me, onLocale, onSignOut }: Props<P>) {
  return (
    <header class={`topbar ${pageClass}`}>
      <h1>{t(shellKey(prefix, 'title'))}</h1>
      <div class="top-controls">
        <a href="/agent">{t(shellKey(prefix, 'backToConsole'))}</a>
        {links.map((l) => (
          <a key={l.href} href={l.href}>
            {l.label}
          </a>
        ))}
        <label class="toggle">
          {t(shellKey(prefix, 'language'))}
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
          {t(shellKey(prefix, 'signOut'))}
        </button>
      </div>
    </header>
  );
}
