import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translatorOf, type Locale, type Params } from '../../i18n/translate';
import { kbEn, type KbKey } from './en';
import { kbEs } from './es';

export type { KbKey } from './en';

/** The editor's own strings, so neither the console nor the ops page ships them; the language choice is shared. */
const TABLES: Record<Locale, Record<KbKey, string>> = { en: kbEn, es: kbEs };

export type KbTranslate = (key: KbKey, params?: Params) => string;

export function makeKbTranslate(locale: Locale): KbTranslate {
  return translatorOf(TABLES[locale]);
}

export interface KbI18n {
  locale: Locale;
  t: KbTranslate;
}

export const KbI18nContext = createContext<KbI18n>({ locale: 'en', t: makeKbTranslate('en') });

export function useKbI18n(): KbI18n {
  return useContext(KbI18nContext);
}
