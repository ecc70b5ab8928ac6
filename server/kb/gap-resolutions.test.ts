import { describe, expect, it } from 'vitest';
import type { GapQuestion } from '../ops/gaps';
import { GapAnswer, dropResolved, type GapResolution } from './gap-resolutions';

const q = (query: string, at: number): GapQuestion => ({ query, at, conversationId: `c-${at}`, reason: 'no_match', nearest: null });
const resolved: GapResolution = { gapId: 'gap-1', articleId: 'gift-wrap', questions: ['Do you sell gift wrapping?'], at: 1000 };

describe('dropResolved', () => {
  it('drops the answered questions and the ones that group with them, asked before the fix', () => {
    const questions = [q('do you sell gift wrapping', 100), q('gift wrapping options?', 200), q('where is my parcel', 300)];
    expect(dropResolved(questions, [resolved]).map((x) => x.query)).toEqual(['where is my parcel']);
  });

  it('keeps the same question failing again after the fix, and different questions: they open new gaps', () => {
    const questions = [q('Do you sell gift wrapping?', 2000), q('can I pay with klarna', 500)];
    expect(dropResolved(questions, [resolved]).map((x) => x.query)).toEqual(['Do you sell gift wrapping?', 'can I pay with klarna']);
  });

  it('changes nothing without resolutions', () => {
    const questions = [q('gift wrap', 1)];
    expect(dropResolved(questions, [])).toEqual(questions);
  });
});

describe('GapAnswer', () => {
  it('names what is wrong', () => {
    expect(GapAnswer.safeParse({ id: 'gap-0a1b', questions: ['x'] }).success).toBe(true);
    expect(GapAnswer.safeParse({ id: '', questions: ['x'] }).error?.issues[0]?.path).toEqual(['id']);
    expect(GapAnswer.safeParse({ id: 'gap-1', questions: Array(201).fill('x') }).error?.issues[0]?.path).toEqual(['questions']);
  });
});
