import { describe, expect, it } from 'vitest';
import type { Article } from '../article';
import { DEFAULT_THRESHOLDS } from '../config';
import { selfCalibrate } from './self-calibrate';

const article = (id: string, title: string, questions: string[], body: string): Article => ({ id, title, questions, tags: [], url: null, locale: null, body });

/**
 * Twin articles: each device can be switched on or off, and the two articles differ in one word. An
 * article held out sends its questions to its twin with a confident score, so no threshold reaches
 * 0.9 precision with half of the questions out of scope.
 */
const DEVICES = ['lamp', 'heater', 'fan', 'radio', 'kettle', 'oven', 'printer', 'router', 'speaker', 'television', 'boiler', 'dishwasher'];
function twins(): Article[] {
  return DEVICES.flatMap((d) =>
    (['on', 'off'] as const).map((state) =>
      article(
        `${d}-${state}`,
        `Turn the ${d} ${state}`,
        [`switch the ${d} ${state}`, `please turn my ${d} ${state}`, `can you put the ${d} ${state}`],
        `The assistant turns the ${d} ${state} when you ask.`,
      ),
    ),
  );
}

/**
 * Topics that share only their frame ("help with my …"): a held-out article's questions have no
 * word of the KB but the frame, so they are thin matches, while a held-out question of an article
 * that stays names its topic.
 */
const TOPICS = [
  'invoice', 'password', 'shipping', 'warranty', 'coupon', 'newsletter', 'battery', 'mattress', 'bicycle', 'helmet', 'tent', 'kettle',
  'blender', 'receipt', 'voucher', 'router', 'camera', 'sofa', 'backpack', 'keyboard', 'headphones', 'charger', 'printer', 'screen',
];
const FRAMES = ['{t}', 'help with my {t}', 'question about the {t}', '{t} problem', 'info on {t}', 'my {t} please'];
function distinct(): Article[] {
  return TOPICS.map((t) => article(t, `All about your ${t}`, FRAMES.map((f) => f.replace('{t}', t)), `Everything about the ${t}: how it works and whom to ask.`));
}

describe('selfCalibrate: the meaning check where the target is not reached', () => {
  it('a KB of twins cannot reach the target: its point is the fallback and applies the meaning check', () => {
    const c = selfCalibrate(twins(), null, DEFAULT_THRESHOLDS);
    expect(c.measured).toBe(true);
    expect(c.reached).toBe(false);
    expect(c.point.meaningCheck).toBe(true);
    // Off for experiments: the same fallback point without the check.
    const off = selfCalibrate(twins(), null, DEFAULT_THRESHOLDS, null, { meaningCheckUnreached: false });
    expect(off.reached).toBe(false);
    expect(off.point.meaningCheck).toBeUndefined();
    expect(off.point.answer).toBe(c.point.answer);
  });

  it('a KB whose measurement reaches the target keeps its point without the check', () => {
    const c = selfCalibrate(distinct(), null, DEFAULT_THRESHOLDS);
    expect(c.measured).toBe(true);
    expect(c.reached).toBe(true);
    expect(c.point.meaningCheck).toBeUndefined();
  });
});
