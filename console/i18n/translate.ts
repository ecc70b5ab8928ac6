import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './en';
import { es } from './es';

export type Locale = 'en' | 'es';
export const LOCALES: readonly Locale[] = ['en', 'es'];
const TABLES: Record<Locale, Record<MessageKey, string>> = { en, es };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function makeTranslate(locale: Locale): Translate {
  return translatorOf(TABLES[locale]);
}

/** A translator over one table; `{name}` placeholders are filled from `params`, unknown ones left as written. */
export function translatorOf<K extends string>(table: Record<K, string>): (key: K, params?: Params) => string {
  return (key, params) => {
    const text = table[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

/** The first of the browser's preferred languages we have a table for. */
export function detectLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0];
    const hit = LOCALES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

export interface I18n {
  locale: Locale;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ locale: 'en', t: makeTranslate('en') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
