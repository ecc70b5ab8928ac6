import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './config';
import type { WordEncoder } from './foreign';
import { KbLoader } from './loader';
import { KbSnapshot } from './kb';
import { LeadMeanings, leadOf } from './lead-meaning';
import { decide, fixedPoint, judgeWith } from './policy';
import type { Ranked } from './ranker';
import { runNow } from './sliced';
import { md, tempKb } from './test-helpers';
import type { Support } from './vocabulary';

/**
 * A synthetic encoder whose meanings are known: a text about leaks sits on axis 0, one about smoke
 * on axis 1, "kitchen" on axis 5 (near nothing the KB says), anything else on axis 3.
 */
const encoder: WordEncoder = {
  dimensions: 8,
  weighted(text: string) {
    const vector = new Float32Array(8);
    const axis = text === 'kitchen' ? 5 : /leak/.test(text) ? 0 : /smoke/.test(text) ? 1 : 3;
    vector[axis] = 1;
    return { vector, weight: 1 };
  },
};

describe('LeadMeanings', () => {
  const leads = runNow(LeadMeanings.build([leadOf('Water leaks', 'A leak sensor…'), leadOf('Smoke alarm', 'When smoke…')], encoder));

  it('says how much nearer in meaning the message is to one article than to another', () => {
    expect(leads.margin('a leak under the sink', 0, 1)).toBeCloseTo(1);
    expect(leads.margin('a leak under the sink', 1, 0)).toBeCloseTo(-1);
    expect(leads.margin('what is the weather', 0, 1)).toBeCloseTo(0);
  });

  it('has no margin for an article it does not know', () => {
    expect(leads.margin('a leak', 0, 9)).toBeNull();
  });

  it('reads the title and the opening of the body only', () => {
    const lead = leadOf('Title', 'x'.repeat(1000));
    expect(lead.startsWith('Title. x')).toBe(true);
    expect(lead.length).toBe('Title. '.length + 400);
  });
});

describe('a foreign word in a message clearly about the best article', () => {
  const support: Support = { evidence: 0.5, shared: 3, unknown: false, missing: ['kitchen'] };
  const ranked: Ranked[] = [
    { index: 0, score: 0.8 },
    { index: 1, score: 0.2 },
  ];
  const point = fixedPoint({ trained: false, readsMeaning: false }, DEFAULT_THRESHOLDS);
  const judged = (margin: number | null, foreign: string | null = 'kitchen') => {
    let asked = 0;
    const confidence = judgeWith(ranked, point, DEFAULT_THRESHOLDS, () => support, () => foreign, () => {
      asked++;
      return margin;
    });
    return { confidence, asked };
  };
  const full = judged(null, null).confidence;

  it('keeps its confidence when the message is at least meaningKeep nearer the best article than the runner-up', () => {
    expect(full).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.answer);
    expect(judged(DEFAULT_THRESHOLDS.support.meaningKeep).confidence).toBe(full);
  });

  it('is halved as before when the margin is smaller, unknown or against it', () => {
    for (const m of [DEFAULT_THRESHOLDS.support.meaningKeep - 0.01, 0, -0.5, null]) {
      expect(judged(m).confidence, String(m)).toBeLessThan(DEFAULT_THRESHOLDS.answer);
    }
  });

  it('does not encode the message when no word is foreign', () => {
    expect(judged(0.9, null).asked).toBe(0);
    expect(judged(0.9).asked).toBe(1);
  });
});

describe('in a decision', () => {
  const KB = {
    'water-leak.md': md('title: Water leak alerts', 'When a leak sensor finds water, the assistant sends a leak alert to your phone and can close the main valve.'),
    'smoke-alarm.md': md('title: Smoke alarm', 'If the smoke alarm goes off, the assistant sends an alert to everyone at home and turns the lights on.'),
    'lights.md': md('title: Lights on and off', 'Say which room and the assistant turns its lights on or off.'),
  };
  const snapshots = async () => {
    const kb = await tempKb(KB);
    try {
      const { articles, synonyms } = await new KbLoader(kb.dir, () => {}).load();
      const list = articles.map((a) => a.article);
      return {
        plain: runNow(KbSnapshot.build(list, synonyms, DEFAULT_THRESHOLDS)),
        checked: runNow(KbSnapshot.build(list, synonyms, DEFAULT_THRESHOLDS, null, encoder)),
      };
    } finally {
      await kb.cleanup();
    }
  };
  const ctx = { unhelpfulRounds: 0 };
  const message = 'water leak alert in the kitchen';

  it('answers "water leak alert in the kitchen" although the article never says kitchen', async () => {
    const { plain, checked } = await snapshots();
    const without = decide(message, ctx, plain, DEFAULT_THRESHOLDS);
    expect(without.kind === 'answer' && without.article.id).toBe('water-leak');
    const d = decide(message, ctx, checked, DEFAULT_THRESHOLDS);
    expect(d.kind === 'answer' && d.article.id).toBe('water-leak');
  });

  it('suggests it instead when the margin asked for is out of reach (meaningKeep 2: the meaning check alone)', async () => {
    const { checked } = await snapshots();
    const strict = resolveThresholds({ support: { meaningKeep: 2 } });
    const d = decide(message, ctx, checked, strict);
    expect(d.kind).toBe('suggest');
    expect(d.kind === 'suggest' && d.suggestions[0]?.id).toBe('water-leak');
  });
});
