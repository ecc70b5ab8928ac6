import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { opsEn, type OpsKey } from './ops-en';
import { opsEs } from './ops-es';
import type { Locale, Params } from './translate';

export type { OpsKey } from './ops-en';

/**
 * The ops dashboard's strings, kept apart from the console's tables so neither page ships the
 * other's text; locale detection and the saved language choice are shared with the console.
 */
const TABLES: Record<Locale, Record<OpsKey, string>> = { en: opsEn, es: opsEs };

export type OpsTranslate = (key: OpsKey, params?: Params) => string;

export function makeOpsTranslate(locale: Locale): OpsTranslate {
  const table = TABLES[locale];
  return (key, params) => {
    const text = table[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

export interface OpsI18n {
  locale: Locale;
  t: OpsTranslate;
}

export const OpsI18nContext = createContext<OpsI18n>({ locale: 'en', t: makeOpsTranslate('en') });

export function useOpsI18n(): OpsI18n {
  return useContext(OpsI18nContext);
}
