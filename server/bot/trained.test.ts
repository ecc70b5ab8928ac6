import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { DEFAULT_THRESHOLDS } from './config';
import { confidenceOf } from './policy';
import { md, tempKb } from './test-helpers';
import type { Bot } from './types';

/**
 * A KB with many example questions per article trains the intent model (a linear SVM). These three
 * articles share most of their words ("name", "my", "you"): what tells them apart is the small
 * words and their order, which the model sees and the similarity signals do not.
 */
const NAMES_KB: Record<string, string> = {
  'bot-name.md': md(
    `title: What the assistant is called
questions:
  - what is your name
  - what should i call you
  - do you have a name
  - what do people call you
  - tell me your name
  - how do you call yourself
  - whats your name
  - who am i talking to`,
    'I am Trailbot, the shop assistant.',
  ),
  'rename-bot.md': md(
    `title: Giving the assistant another name
questions:
  - i want to call you something else
  - can i give you a new name
  - change your name
  - i will call you sam from now on
  - your name should be max
  - can i rename you
  - id like to call you alex
  - let me pick a name for you`,
    'You can set a nickname for the assistant in your account settings.',
  ),
  'my-name.md': md(
    `title: Changing the name on your account
questions:
  - change my name
  - update the name on my account
  - my name is wrong on my profile
  - i got married and my surname changed
  - correct the spelling of my name
  - how do i edit my first name
  - my account shows the wrong last name
  - fix my name please`,
    'Open Account → Details to edit your first and last name.',
  ),
};

let bot: Bot;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const kb = await tempKb(NAMES_KB);
  cleanup = kb.cleanup;
  // The demo threshold is 50 questions per article; 8 is enough to exercise the trained path.
  bot = await createBot({ kbDir: kb.dir, watch: false, log: () => {}, thresholds: { ranker: { linearMinQuestions: 5 } } });
});
afterAll(async () => {
  bot.close();
  await cleanup();
});

describe('a KB that trains the intent model', () => {
  it.each([
    ['what name do you go by', 'bot-name'],
    ['i would like to call you bob', 'rename-bot'],
    ['my name is spelled wrong on the account', 'my-name'],
  ])('ranks "%s" first to %s', async (text, id) => {
    const d = await bot.decide(text, { unhelpfulRounds: 0 });
    const first = d.kind === 'answer' ? d.article.id : d.kind === 'suggest' ? d.suggestions[0]?.id : null;
    expect(first).toBe(id);
  });

  it('does not answer a message that shares one word with an article and is about something else', async () => {
    const d = await bot.decide('what is the name of the tallest mountain in the world', { unhelpfulRounds: 0 });
    expect(d.kind).not.toBe('answer');
  });
});

describe('confidenceOf', () => {
  const ranked = [
    { index: 0, score: 0.6 },
    { index: 1, score: 0.3 },
  ];

  it('grows with the share of the message the best article covers when the calibration weighs it', () => {
    const c = { ...DEFAULT_THRESHOLDS.calibrationTrained, evidence: 3 };
    expect(confidenceOf(ranked, c, 0.9)).toBeGreaterThan(confidenceOf(ranked, c, 0.1) + 0.3);
  });

  it('is higher when the intent model on its own agrees on the best article', () => {
    const c = DEFAULT_THRESHOLDS.calibrationTrained;
    const agreeing = [{ ...ranked[0]!, agrees: true }, ranked[1]!];
    const disagreeing = [{ ...ranked[0]!, agrees: false }, ranked[1]!];
    expect(confidenceOf(agreeing, c, 0.5)).toBeGreaterThan(confidenceOf(disagreeing, c, 0.5) + 0.1);
    expect(confidenceOf(disagreeing, c, 0.5)).toBe(confidenceOf(ranked, c, 0.5));
  });

  it('ignores the evidence share when its weight is 0', () => {
    const c = { ...DEFAULT_THRESHOLDS.calibration, evidence: 0 };
    expect(confidenceOf(ranked, c, 0.9)).toBe(confidenceOf(ranked, c, 0.1));
  });
});
