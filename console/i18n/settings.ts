import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { settingsEn, type SettingsKey } from './settings-en';
import { settingsEs } from './settings-es';
import { translatorOf, type Locale, type Params } from './translate';

export type { SettingsKey } from './settings-en';

/**
 * The settings page's strings, kept apart from the console's and the dashboard's tables so no
 * page ships another's text; locale detection and the saved language choice are shared.
 */
const TABLES: Record<Locale, Record<SettingsKey, string>> = { en: settingsEn, es: settingsEs };

export type SettingsTranslate = (key: SettingsKey, params?: Params) => string;

export function makeSettingsTranslate(locale: Locale): SettingsTranslate {
  return translatorOf(TABLES[locale]);
}

export interface SettingsI18n {
  locale: Locale;
  t: SettingsTranslate;
}

export const SettingsI18nContext = createContext<SettingsI18n>({ locale: 'en', t: makeSettingsTranslate('en') });

export function useSettingsI18n(): SettingsI18n {
  return useContext(SettingsI18nContext);
}
