// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OpsI18nContext, makeOpsTranslate } from '../../i18n/ops';
import { makeFormats } from '../lib/format';
import type { TrustRow } from '../trust';
import { TrustTable } from './TrustPanel';

afterEach(cleanup);

const row: TrustRow = {
  site: 'demo',
  articleId: 'reset-password',
  title: 'Reset your password',
  visitorUnhelpful: 2,
  handoverAfterAnswer: 1,
  agentMarkedWrong: 1,
  lowestTrust: 0.5,
  lastAt: '2026-12-01T10:00:00.000Z',
  questions: ['how do I reset my router', 'reset my modem'],
};

function show(rows: TrustRow[], locale: 'en' | 'es' = 'en') {
  render(
    <OpsI18nContext.Provider value={{ locale, t: makeOpsTranslate(locale) }}>
      <TrustTable rows={rows} formats={makeFormats(locale, 'UTC')} />
    </OpsI18nContext.Provider>,
  );
}

describe('the articles the bot trusts less', () => {
  it('lists each article with its trust left, why, and the questions it was wrong for', () => {
    show([row, { ...row, articleId: 'gone', title: null, lowestTrust: 0.85 }]);
    const first = screen.getByRole('rowheader', { name: 'Reset your password' }).closest('tr') as HTMLElement;
    expect(first.textContent).toContain('50%');
    expect(first.textContent).toContain('how do I reset my router · reset my modem');
    expect(screen.getByRole('rowheader', { name: 'gone (removed)' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Agents marked wrong' })).toBeTruthy();
  });

  it('says when nothing was marked wrong, in Spanish too', () => {
    show([], 'es');
    expect(screen.getByText('Ninguna respuesta se marcó como incorrecta.')).toBeTruthy();
  });
});
