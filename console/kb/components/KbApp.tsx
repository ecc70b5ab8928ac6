import { AdminApp } from '../../admin/AdminApp';
import type { Locale } from '../../i18n/translate';
import { createKbApi, type KbApi } from '../api';
import { KbI18nContext, makeKbTranslate } from '../i18n/index';
import { KbPage } from './KbPage';

const kbI18n = (locale: Locale) => ({ locale, t: makeKbTranslate(locale) });

/** The knowledge base editor behind the admin pages' session gate. */
export function KbApp({ api, goTo }: { api?: KbApi; goTo?: (path: string) => void }) {
  return <AdminApp prefix="kb" i18nFor={kbI18n} context={KbI18nContext} createApi={createKbApi} api={api} goTo={goTo} page={(p) => <KbPage {...p} />} />;
}
