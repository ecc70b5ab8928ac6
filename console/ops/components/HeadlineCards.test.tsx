// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Headline } from '../api';
import { OpsI18nContext, makeOpsTranslate } from '../../i18n/ops';
import { deltaOf } from '../lib/delta';
import { makeFormats } from '../lib/format';
import { summaryJson } from '../fixtures';
import { HeadlineCards } from './HeadlineCards';

afterEach(cleanup);

const h = (over: Partial<Headline>): Headline => ({ key: 'started', unit: 'count', better: 'up', current: 10, previous: 8, ...over });

describe('deltaOf', () => {
  it('gives counts and times a percent of the previous value and rates a change in points', () => {
    expect(deltaOf(h({ current: 120, previous: 100 }))).toEqual({ kind: 'percent', direction: 'up', verdict: 'better', amount: 20 });
    expect(deltaOf(h({ unit: 'ms', better: 'down', current: 90_000, previous: 60_000 }))).toEqual({ kind: 'percent', direction: 'up', verdict: 'worse', amount: 50 });
    expect(deltaOf(h({ unit: 'ratio', current: 0.5, previous: 0.4 }))).toEqual({ kind: 'points', direction: 'up', verdict: 'better', amount: 10 });
    expect(deltaOf(h({ unit: 'ratio', better: 'down', current: 0.25, previous: 0.3 }))).toEqual({ kind: 'points', direction: 'down', verdict: 'better', amount: 5 });
  });

  it('keeps one decimal for small changes and calls a change that rounds to zero "no change"', () => {
    expect(deltaOf(h({ current: 1034, previous: 1000 }))).toMatchObject({ amount: 3.4, direction: 'up' });
    expect(deltaOf(h({ current: 1000.4, previous: 1000 }))).toMatchObject({ direction: 'flat', verdict: 'same', amount: 0 });
  });

  it('has no percent from zero and nothing to compare without both periods', () => {
    expect(deltaOf(h({ current: 3, previous: 0 }))).toEqual({ kind: 'new', direction: 'up', verdict: 'better' });
    expect(deltaOf(h({ current: 0, previous: 0 }))).toMatchObject({ direction: 'flat' });
    expect(deltaOf(h({ current: 3, previous: null }))).toEqual({ kind: 'none' });
    expect(deltaOf(h({ current: null, previous: 4 }))).toEqual({ kind: 'none' });
  });
});

function renderCards(headlines: Headline[], locale: 'en' | 'es' = 'en') {
  render(
    <OpsI18nContext.Provider value={{ locale, t: makeOpsTranslate(locale) }}>
      <HeadlineCards headlines={headlines} windows={summaryJson.windows} current={{ ...summaryJson.current, inProgress: 11 } as never} formats={makeFormats(locale, 'UTC')} />
    </OpsI18nContext.Provider>,
  );
  return (label: string) => screen.getByRole('heading', { name: label }).closest('li') as HTMLElement;
}

describe('HeadlineCards', () => {
  it('shows each figure in its unit with the change as arrow, amount and a word, not colour alone', () => {
    const card = renderCards([
      h({ current: 1250, previous: 1000 }),
      h({ key: 'escalationRate', unit: 'ratio', better: 'down', current: 0.3, previous: 0.25 }),
      h({ key: 'firstReplyP50', unit: 'ms', better: 'down', current: 45_000, previous: 60_000 }),
      h({ key: 'csatAverage', unit: 'rating', current: 4.25, previous: null }),
    ]);
    const started = card('Conversations started');
    expect(within(started).getByText('1,250')).toBeTruthy();
    expect(within(started).getByText('▲ +25% · better')).toBeTruthy();
    expect(within(started).getByText('Up 25% against the previous period, better.')).toBeTruthy();
    expect(within(started).getByText('Previous period: 1,000')).toBeTruthy();

    const escalation = card('Escalated to people');
    expect(within(escalation).getByText('30%')).toBeTruthy();
    expect(within(escalation).getByText('▲ +5 pts · worse')).toBeTruthy();
    expect(escalation.querySelector('.delta')?.className).toContain('worse');

    const reply = card('First human reply (median)');
    expect(within(reply).getByText('45 s')).toBeTruthy();
    expect(within(reply).getByText('▼ −25% · better')).toBeTruthy();

    const csat = card('CSAT (1–5)');
    expect(within(csat).getByText('4.3')).toBeTruthy();
    expect(within(csat).getAllByText('No previous data')).toHaveLength(2);
  });

  it('says on each card what it counts and when a chat starts to count, and shows chats still in progress', () => {
    const card = renderCards([
      h({ key: 'botResolutionRate', unit: 'ratio', current: null, previous: null }),
      h({ key: 'botDurableRate', unit: 'ratio', current: 0.9, previous: null }),
      h({ key: 'npsScore', unit: 'nps', current: 35, previous: 20 }),
    ]);
    const bot = card('Resolved by the bot');
    expect(within(bot).getByText('Confirmed or assumed bot resolutions of chats that ended; a bot chat ends after 30 min idle.')).toBeTruthy();
    expect(within(bot).getByText('In progress: 11 (not counted yet)')).toBeTruthy();
    expect(within(card('Bot resolutions that held')).getByText('Bot resolutions not reopened within 7 days, once those days have passed.')).toBeTruthy();
    const nps = card('NPS (−100 to 100)');
    expect(within(nps).getByText('+35')).toBeTruthy();
    expect(within(nps).getByText('▲ +15 pts · better')).toBeTruthy();
  });

  it('speaks Spanish with Spanish number formats', () => {
    const card = renderCards([h({ current: 1500, previous: 1000 })], 'es');
    const started = card('Conversaciones iniciadas');
    expect(within(started).getByText('1500')).toBeTruthy();
    expect(within(started).getByText('▲ +50 % · mejor')).toBeTruthy();
  });
});
