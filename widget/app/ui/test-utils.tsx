import type { ComponentChildren } from 'preact';
import { cleanup, render } from '@testing-library/preact';
import { afterEach } from 'vitest';
import type { Locale } from '../../shared/locale';
import { stringsFor } from '../i18n/translate';
import { I18n } from './i18n-context';

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(cleanup);

/** Renders inside the translation context, English unless told otherwise. */
export function renderWithI18n(ui: ComponentChildren, locale: Locale = 'en') {
  return render(<I18n.Provider value={{ t: stringsFor(locale), locale }}>{ui}</I18n.Provider>);
}
