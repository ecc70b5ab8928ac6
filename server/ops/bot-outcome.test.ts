import { describe, expect, it } from 'vitest';
import { botVerdict } from './bot-outcome';
import { fateOf } from './durability';
import { factsOf } from './facts';
import { parseEventBody } from '../conversations/events';
import type { ConversationHistory, HistoryEvent } from './history';

const MIN = 60_000;
/** An event as the store would give it back: a fixture that does not fit the event union fails here. */
const ev = (type: string, at: number, data: Record<string, unknown> = {}): HistoryEvent => {
  const body = parseEventBody(type, data);
  if (body.type === 'unknown') throw new Error(`fixture ${type} ${JSON.stringify(data)} is not a valid stored event`);
  return { ...body, actorType: 'bot', actorId: null, reason: null, at };
};
const answer = (at: number, articleId = 'track', query = 'where is my order') => ev('bot.decision', at, { decision: 'answer', confidence: 0.9, articleId, query });
const suggest = (at: number, query = 'card on file') => ev('bot.decision', at, { decision: 'suggest', confidence: 0.5, suggestions: ['a', 'b'], query });
const notSure = (at: number, query: string, kbWords?: number) => ev('bot.decision', at, { decision: 'escalate', confidence: 0.1, reason: 'low_confidence', query, kbWords });
const small = (at: number) => ev('bot.decision', at, { decision: 'smalltalk', confidence: 0.9, query: 'thanks' });

describe('botVerdict', () => {
  it('is confirmed only when the last answer was said to help and nothing was asked after it', () => {
    expect(botVerdict([answer(0), ev('bot.feedback', 1, { messageSeq: 2, articleId: 'track', helpful: true })], null)).toEqual({ resolved: true, resolution: 'confirmed' });
    expect(botVerdict([answer(0), ev('bot.feedback', 1, { messageSeq: 2, articleId: 'track', helpful: true }), answer(2, 'returns', 'and returns?')], null)).toEqual({ resolved: true, resolution: 'assumed' });
    expect(botVerdict([answer(0), ev('bot.feedback', 1, { messageSeq: 2, articleId: 'track', helpful: true }), suggest(2)], null)).toEqual({ resolved: false, reason: 'suggestions_ignored' });
  });

  it('keeps the answer as the last turn across small talk, and a picked suggestion is an answer', () => {
    expect(botVerdict([answer(0), small(1)], null)).toEqual({ resolved: true, resolution: 'assumed' });
    expect(botVerdict([suggest(0), ev('bot.choice', 1, { articleId: 'a' })], null)).toEqual({ resolved: true, resolution: 'assumed' });
  });

  it('gives each reason a bot chat was not resolved', () => {
    expect(botVerdict([answer(0), ev('bot.feedback', 1, { messageSeq: 2, articleId: 'track', helpful: false })], null)).toEqual({ resolved: false, reason: 'negative_feedback' });
    expect(botVerdict([notSure(0, 'Wo ist meine Bestellung?')], null)).toEqual({ resolved: false, reason: 'other_language' });
    expect(botVerdict([notSure(0, 'Wo ist meine Bestellung?')], 'de')).toEqual({ resolved: false, reason: 'not_understood' });
    expect(botVerdict([notSure(0, 'tell me a joke')], null)).toEqual({ resolved: false, reason: 'not_understood' });
    // Off-topic by what the bot measured when it decided: none of the question's words in the KB.
    expect(botVerdict([notSure(0, 'what is the weather tomorrow', 0)], null)).toEqual({ resolved: false, reason: 'off_topic' });
    expect(botVerdict([notSure(0, 'do you do gift wrapping', 0.5)], null)).toEqual({ resolved: false, reason: 'not_understood' });
    expect(botVerdict([ev('bot.decision', 0, { decision: 'suggest', confidence: 0.3, suggestions: ['a'], query: 'capital of france', kbWords: 0 })], null)).toEqual({ resolved: false, reason: 'off_topic' });
    // Another language is told first: a foreign question shares no English words with the KB either.
    expect(botVerdict([notSure(0, 'Wo ist meine Bestellung?', 0)], null)).toEqual({ resolved: false, reason: 'other_language' });
    // A question with no content words (null) or an older event without the measure is not off-topic.
    expect(botVerdict([notSure(0, 'what is it', undefined)], null)).toEqual({ resolved: false, reason: 'not_understood' });
    expect(botVerdict([suggest(0)], null)).toEqual({ resolved: false, reason: 'suggestions_ignored' });
    expect(botVerdict([small(0)], null)).toEqual({ resolved: false, reason: 'no_question' });
    expect(botVerdict([], null)).toEqual({ resolved: false, reason: 'no_question' });
  });
});

describe('a bot chat the visitor comes back to', () => {
  const history = (events: HistoryEvent[]): ConversationHistory => ({
    id: 'c', siteId: 's', siteKey: 'demo', siteLocale: null, page: null, visitorKey: 'v:1', startedAt: 0, events, agentReplies: [], lastMessageAt: null, firstVisitorText: 'where is my order',
  });

  it('counts as reopened when the comeback is within the durable window of its first end', () => {
    const f = factsOf(history([answer(0), answer(2 * 24 * 60 * MIN)]), 30 * 24 * 60 * MIN, 30 * MIN);
    expect(f.outcome).toBe('bot_resolved');
    expect(f.botReturn).toEqual({ endedAt: 0, at: 2 * 24 * 60 * MIN });
    expect(fateOf(f, [], 7 * 24 * 60 * MIN, 30 * 24 * 60 * MIN, () => new Set())).toBe('reopened');
  });

  it('is durable when the visitor only came back after the window, pending while the window runs', () => {
    const late = factsOf(history([answer(0), answer(9 * 24 * 60 * MIN)]), 30 * 24 * 60 * MIN, 30 * MIN);
    expect(fateOf(late, [], 7 * 24 * 60 * MIN, 30 * 24 * 60 * MIN, () => new Set())).toBe('durable');
    const fresh = factsOf(history([answer(0), small(5 * MIN)]), 60 * MIN, 30 * MIN);
    expect(fresh.botReturn).toBeNull();
    expect(fateOf(fresh, [], 7 * 24 * 60 * MIN, 60 * MIN, () => new Set())).toBe('pending');
  });
});
