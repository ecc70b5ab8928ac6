import { AdminApp } from '../../admin/AdminApp';
import { OpsI18nContext, makeOpsTranslate } from '../../i18n/ops';
import type { Locale } from '../../i18n/translate';
import { createOpsApi, type OpsApi } from '../client';
import { browserTimeZone } from '../lib/range';
import { Dashboard } from './Dashboard';

interface Props {
  /** For tests: a fake API and a record of where the page was sent. */
  api?: OpsApi;
  goTo?: (path: string) => void;
  tz?: string;
}

const opsI18n = (locale: Locale) => ({ locale, t: makeOpsTranslate(locale) });

/** The ops dashboard behind the admin pages' session gate. */
export function OpsApp({ api, goTo, tz = browserTimeZone() }: Props) {
  return (
    <AdminApp prefix="ops" i18nFor={opsI18n} context={OpsI18nContext} createApi={createOpsApi} api={api} goTo={goTo} page={(p) => <Dashboard {...p} tz={tz} />} />
  );
}
