import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { isUnhelpful } from './policy';
import { SHOP_KB, tempKb } from './test-helpers';
import type { Bot, BotDecision } from './types';

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

const ask = (text: string, unhelpfulRounds = 0): Promise<BotDecision> => bot.decide(text, { unhelpfulRounds });

describe('small talk', () => {
  it.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['good morning', 'greeting'],
    ['thanks', 'thanks'],
    ['thank you so much!', 'thanks'],
    ['ok thanks', 'thanks'],
    ['bye', 'goodbye'],
    ['ok', 'ack'],
    ['👍', 'ack'],
  ])('%s → %s, not an article and not an escalation', async (text, reply) => {
    expect(await ask(text)).toEqual({ kind: 'smalltalk', reply, confidence: 1 });
  });

  it('answers the question after a greeting', async () => {
    const d = await ask('Hi! how long does delivery take?');
    expect(d.kind === 'answer' && d.article.id).toBe('shipping');
  });
});

describe('asking for a person', () => {
  it.each([
    'talk to a human',
    'agent please',
    'can I speak to someone',
    'real person',
    'I want to speak with a representative',
    'connect me to customer service',
    'is there a human I can talk to?',
    'HUMAN!!!',
    'I dont want to talk to a bot',
    'Could you transfer me to an operator',
    'let me chat with a real person please',
  ])('"%s" hands over at once', async (text) => {
    expect(await ask(text)).toMatchObject({ kind: 'escalate', reason: 'asked_for_human', mode: 'start' });
  });

  it('does not mistake questions that mention people for a handover request', async () => {
    for (const text of ['how long does delivery take for someone in Spain', 'can I return an item my friend bought?']) {
      expect((await ask(text)).kind).not.toBe('escalate');
    }
  });
});

describe('articles', () => {
  it('answers confidently when one article clearly matches', async () => {
    const d = await ask('I forgot my password and cannot log in');
    expect(d.kind).toBe('answer');
    if (d.kind !== 'answer') return;
    expect(d.article.id).toBe('password');
    expect(d.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.candidates[0]).toMatchObject({ id: 'password' });
  });

  it('tolerates typos', async () => {
    const d = await ask('how long dose delivrey take');
    expect(d.kind === 'answer' && d.article.id).toBe('shipping');
  });

  it('suggests the close candidates when unsure', async () => {
    const d = await ask('gift');
    expect(d.kind).toBe('suggest');
    if (d.kind !== 'suggest') return;
    expect(d.suggestions.map((s) => s.id).sort()).toEqual(['gift-cards', 'gift-wrap']);
    expect(d.confidence).toBeLessThan(0.5);
  });

  it('hands always-human topics to a person with the article for the agent', async () => {
    const d = await ask('I want my money back');
    expect(d).toMatchObject({ kind: 'escalate', reason: 'always_human_topic', mode: 'start', article: { id: 'refund' } });
  });

  it('offers a person when nothing matches, with low confidence and the candidates for the gap report', async () => {
    const d = await ask('what is the capital of mongolia');
    expect(d).toMatchObject({ kind: 'escalate', reason: 'low_confidence', mode: 'offer', article: null });
    if (d.kind !== 'escalate') return;
    expect(d.confidence).toBeLessThan(0.1);
    expect(Array.isArray(d.candidates)).toBe(true);
  });

  it('hands over after two unhelpful rounds in a row', async () => {
    expect(await ask('what is the capital of mongolia', 1)).toMatchObject({ kind: 'escalate', reason: 'repeated_failure', mode: 'start' });
    expect(await ask('gift', 1)).toMatchObject({ kind: 'escalate', reason: 'repeated_failure', mode: 'start' });
    // A confident answer is still given: the run of failures is broken.
    expect((await ask('I forgot my password', 1)).kind).toBe('answer');
  });
});

describe('isUnhelpful', () => {
  it('counts suggestions and low-confidence offers, not answers, small talk or handovers', async () => {
    expect(isUnhelpful(await ask('gift'))).toBe(true);
    expect(isUnhelpful(await ask('what is the capital of mongolia'))).toBe(true);
    expect(isUnhelpful(await ask('I forgot my password'))).toBe(false);
    expect(isUnhelpful(await ask('thanks'))).toBe(false);
    expect(isUnhelpful(await ask('agent please'))).toBe(false);
  });
});

describe('bad input never throws', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['10,000 characters', 'delivery '.repeat(1200).slice(0, 10_000)],
    ['emoji only', '🤔🤔🔥'],
    ['HTML/script', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
    ['Chinese', '我的订单在哪里？'],
    ['Arabic', 'أين طلبي؟'],
    ['control characters', '\u0000\u0001\u200b\ufeff'],
  ])('%s gets a sensible decision', async (_, text) => {
    const d = await ask(text);
    expect(['smalltalk', 'answer', 'suggest', 'escalate']).toContain(d.kind);
    expect(d.confidence).toBeGreaterThanOrEqual(0);
    expect(d.confidence).toBeLessThanOrEqual(1);
    if (text.trim() === '' || /[我أ🤔]/u.test(text)) expect(d).toMatchObject({ kind: 'escalate', reason: 'low_confidence' });
  });

  it('survives a non-string and a missing context at runtime', async () => {
    const d = await bot.decide(undefined as unknown as string, undefined as unknown as { unhelpfulRounds: number });
    expect(d).toMatchObject({ kind: 'escalate', reason: 'low_confidence' });
  });
});
