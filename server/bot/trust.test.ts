import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { SHOP_KB, tempKb } from './test-helpers';
import { DEFAULT_TRUST, MAX_STRIKES_PER_ARTICLE, TrustBook } from './trust';
import type { TrustSource } from './trust';
import type { Bot } from './types';

const strike = (book: TrustBook, actor: string, question: string, source: TrustSource = 'visitor_unhelpful', articleId = 'shipping'): void =>
  book.add({ articleId, source, actor, question, at: Date.now() });

describe('TrustBook: live signals lower the trust in an article for similar questions', () => {
  it('leaves articles without strikes, and questions unlike the struck ones, untouched', () => {
    const book = new TrustBook();
    strike(book, 'v1', 'how long does delivery to spain take');
    expect(book.factor('returns', 'how long does delivery to spain take')).toBe(1);
    expect(book.factor('shipping', 'can I pay with paypal')).toBe(1);
  });

  it('lowers it by the source weight times the similarity of the question', () => {
    const book = new TrustBook();
    strike(book, 'v1', 'how long does delivery to spain take');
    expect(book.factor('shipping', 'how long does delivery to spain take')).toBeCloseTo(1 - DEFAULT_TRUST.weights.visitor_unhelpful, 5);
    const similar = book.factor('shipping', 'delivery to spain, how long?');
    expect(similar).toBeLessThan(1);
    expect(similar).toBeGreaterThanOrEqual(1 - DEFAULT_TRUST.weights.visitor_unhelpful);
  });

  it('counts one person once per article, however often they say no', () => {
    const book = new TrustBook();
    for (let i = 0; i < 20; i++) strike(book, 'v1', 'how long does delivery to spain take');
    strike(book, 'v1', 'how long does delivery to spain take', 'handover_after_answer');
    expect(book.factor('shipping', 'how long does delivery to spain take')).toBeCloseTo(1 - DEFAULT_TRUST.weights.visitor_unhelpful, 5);
  });

  it('weighs an agent more than a visitor, and adds up different people', () => {
    const visitor = new TrustBook();
    strike(visitor, 'v1', 'delivery to spain');
    const agent = new TrustBook();
    strike(agent, 'a1', 'delivery to spain', 'agent_marked_wrong');
    expect(agent.factor('shipping', 'delivery to spain')).toBeLessThan(visitor.factor('shipping', 'delivery to spain'));
    strike(visitor, 'v2', 'delivery to spain');
    expect(visitor.factor('shipping', 'delivery to spain')).toBeCloseTo(1 - 2 * DEFAULT_TRUST.weights.visitor_unhelpful, 5);
  });

  it('never goes below the floor, however many people strike', () => {
    const book = new TrustBook();
    for (let i = 0; i < 50; i++) strike(book, `a${i}`, 'delivery to spain', 'agent_marked_wrong');
    expect(book.factor('shipping', 'delivery to spain')).toBe(DEFAULT_TRUST.floor);
  });

  it('keeps only the latest strikes of an article, so a decision stays cheap', () => {
    const book = new TrustBook();
    strike(book, 'old', 'delivery to spain', 'agent_marked_wrong');
    for (let i = 0; i < MAX_STRIKES_PER_ARTICLE; i++) strike(book, `v${i}`, `question number ${i}`);
    expect(book.size).toBe(MAX_STRIKES_PER_ARTICLE);
    expect(book.factor('shipping', 'delivery to spain')).toBe(1);
  });

  it('lists the articles that lost trust, most lost first, with why', () => {
    const book = new TrustBook();
    strike(book, 'v1', 'delivery to spain');
    strike(book, 'a1', 'refund for a gift', 'agent_marked_wrong', 'returns');
    strike(book, 'v2', 'refund for a gift', 'handover_after_answer', 'returns');
    const lost = book.lost();
    expect(lost.map((l) => l.articleId)).toEqual(['returns', 'shipping']);
    expect(lost[0]?.bySource).toEqual({ visitor_unhelpful: 0, handover_after_answer: 1, agent_marked_wrong: 1 });
    expect(lost[0]?.lowest).toBeCloseTo(1 - DEFAULT_TRUST.weights.agent_marked_wrong - DEFAULT_TRUST.weights.handover_after_answer, 5);
    expect(lost[0]?.questions).toEqual(['refund for a gift']);
  });
});

describe('decide with the caller\'s trust', () => {
  let bot: Bot;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const kb = await tempKb(SHOP_KB);
    cleanup = kb.cleanup;
    bot = await createBot({ kbDir: kb.dir, watch: false, log: () => {} });
  });
  afterAll(async () => {
    bot.close();
    await cleanup();
  });

  const QUESTION = 'How long does delivery take?';

  it('answers less, but still suggests, an article people said was wrong for this question', async () => {
    const before = await bot.decide(QUESTION, { unhelpfulRounds: 0 });
    expect(before.kind).toBe('answer');
    const book = new TrustBook();
    for (let i = 0; i < 5; i++) strike(book, `agent-${i}`, QUESTION, 'agent_marked_wrong');
    const after = await bot.decide(QUESTION, { unhelpfulRounds: 0, trust: (id, q) => book.factor(id, q) });
    expect(after.kind).toBe('suggest');
    expect(after.kind === 'suggest' && after.suggestions[0]?.id).toBe('shipping');
    expect(after.confidence).toBeCloseTo(before.confidence * DEFAULT_TRUST.floor, 3);
  });

  it('keeps answering when one visitor said no', async () => {
    const book = new TrustBook();
    for (let i = 0; i < 10; i++) strike(book, 'the-same-visitor', QUESTION);
    const d = await bot.decide(QUESTION, { unhelpfulRounds: 0, trust: (id, q) => book.factor(id, q) });
    expect(d.kind).toBe('answer');
  });

  it('ignores a trust function that misbehaves', async () => {
    for (const bad of [() => Number.NaN, () => -3, () => 7]) {
      expect((await bot.decide(QUESTION, { unhelpfulRounds: 0, trust: bad })).kind).toBe('answer');
    }
  });
});
