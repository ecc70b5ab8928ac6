import type { ComponentChildren } from 'preact';
import { cleanup, render } from '@testing-library/preact';
import { afterEach } from 'vitest';
import type { Locale } from '../../shared/locale';
import { ar } from '../i18n/ar';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { I18n } from './i18n-context';

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(cleanup);

/** Renders inside the translation context, English unless told otherwise. */
export function renderWithI18n(ui: ComponentChildren, locale: Locale = 'en') {
  return render(<I18n.Provider value={{ t: { en, es, de, ar }[locale], locale }}>{ui}</I18n.Provider>);
}
