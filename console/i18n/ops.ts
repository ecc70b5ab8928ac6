import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { opsEn, type OpsKey } from './ops-en';
import { opsEs } from './ops-es';
import { translatorOf, type Locale, type Params } from './translate';

export type { OpsKey } from './ops-en';

/**
 * The ops dashboard's strings, kept apart from the console's tables so neither page ships the
 * other's text; locale detection and the saved language choice are shared with the console.
 */
const TABLES: Record<Locale, Record<OpsKey, string>> = { en: opsEn, es: opsEs };

export type OpsTranslate = (key: OpsKey, params?: Params) => string;

export function makeOpsTranslate(locale: Locale): OpsTranslate {
  return translatorOf(TABLES[locale]);
}

export interface OpsI18n {
  locale: Locale;
  t: OpsTranslate;
}

export const OpsI18nContext = createContext<OpsI18n>({ locale: 'en', t: makeOpsTranslate('en') });

export function useOpsI18n(): OpsI18n {
  return useContext(OpsI18nContext);
}
