import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../shared/locale';
import { en, type Strings } from '../i18n/en';

export interface I18nValue {
  t: Strings;
  locale: Locale;
}

export const I18n = createContext<I18nValue>({ t: en, locale: 'en' });

export const useI18n = (): I18nValue => useContext(I18n);

const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatTime(at: number, locale: string): string {
  let f = timeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    timeFormats.set(locale, f);
  }
  return f.format(at);
}
