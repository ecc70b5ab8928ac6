import type { Locale, Params } from '../i18n/translate';

/** The strings every admin page's shell says; each page keeps them in its own table under its own prefix. */
export type ShellWord = 'title' | 'loading' | 'redirecting' | 'backToConsole' | 'loadFailed' | 'adminsOnly' | 'adminsOnlyText' | 'language' | 'signOut';
export type ShellKey<P extends string> = `${P}.${ShellWord}`;

/** A page's i18n as the shell sees it: a translator that knows at least the page's shell keys. */
export interface ShellI18n<P extends string> {
  locale: Locale;
  t: (key: ShellKey<P>, params?: Params) => string;
}

/** The shell's key for `word` on the page whose strings start with `prefix`. */
export const shellKey = <P extends string>(prefix: P, word: ShellWord): ShellKey<P> => `${prefix}.${word}`;
