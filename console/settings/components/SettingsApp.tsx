import { AdminApp } from '../../admin/AdminApp';
import { SettingsI18nContext, makeSettingsTranslate } from '../../i18n/settings';
import type { Locale } from '../../i18n/translate';
import { createSettingsApi, type SettingsApi } from '../client';
import { SettingsShell } from './SettingsShell';

interface Props {
  /** For tests: a fake API and a record of where the page was sent. */
  api?: SettingsApi;
  goTo?: (path: string) => void;
}

const settingsI18n = (locale: Locale) => ({ locale, t: makeSettingsTranslate(locale) });

/** The settings screens behind the admin pages' session gate. */
export function SettingsApp({ api, goTo }: Props) {
  return <AdminApp prefix="settings" i18nFor={settingsI18n} context={SettingsI18nContext} createApi={createSettingsApi} api={api} goTo={goTo} page={(p) => <SettingsShell {...p} />} />;
}
