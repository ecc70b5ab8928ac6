import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../bot';
import { md, memoryLog, tempKb } from '../test-helpers';

/**
 * A help centre of 30 topics with 12 phrasings each. Their questions share their frame ("my … is
 * not working"), so an article held out is a real test: its questions land on a neighbour.
 */
const TOPICS = [
  'password', 'invoice', 'refund', 'shipping', 'warranty', 'login', 'subscription', 'coupon', 'address', 'newsletter',
  'voucher', 'battery', 'charger', 'receipt', 'parcel', 'username', 'screen', 'keyboard', 'printer', 'router',
  'headphones', 'camera', 'mattress', 'sofa', 'bicycle', 'helmet', 'tent', 'backpack', 'kettle', 'blender',
];
const FRAMES = [
  'how do i change my {t}', 'problem with my {t}', '{t} help please', 'question about the {t}', 'where can i find my {t}',
  'my {t} is not working', 'i need information on {t}', 'can you explain the {t} rules', 'is there a guide for the {t}',
  'something is wrong with the {t}', 'who can help me with my {t}', 'what should i do about my {t}',
];

function helpCentre(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const t of TOPICS) {
    const questions = FRAMES.map((f) => `  - ${f.replace('{t}', t)}`).join('\n');
    files[`${t}.md`] = md(`title: All about your ${t}\nquestions:\n${questions}`, `Everything you need to know about the ${t}: where it is, how to change it and whom to ask.`);
  }
  return files;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(): Promise<{ dir: string; cache: string }> {
  const kb = await tempKb(helpCentre());
  const cache = await mkdtemp(join(tmpdir(), 'calibration-'));
  cleanups.push(kb.cleanup, () => rm(cache, { recursive: true, force: true }));
  return { dir: kb.dir, cache };
}

describe('self-calibration in the bot', () => {
  it('answers at the fixed point at once, measures on a worker thread, then answers at its own point and stores it', async () => {
    const { dir, cache } = await setup();
    const { log, lines } = memoryLog();
    const bot = await createBot({ kbDir: dir, watch: false, log, calibrationCacheDir: cache });
    let first: unknown;
    try {
      const early = bot.calibration();
      expect(early.state).toBe('measuring');
      expect(early.point.answer).toBe(0.57);
      // Chats are served meanwhile.
      expect((await bot.decide('my password is not working', { unhelpfulRounds: 0 })).kind).not.toBe('escalate');
      const done = await bot.calibrated();
      expect(done.state).toBe('ready');
      first = done.calibration;
      expect(done.calibration?.measured).toBe(true);
      expect(done.calibration?.questions.outOfScope).toBe(360);
      expect(done.calibration?.estimate?.selfServeAt3).toBeGreaterThan(0.5);
      expect(bot.calibration().point).toEqual(done.calibration?.point);
      expect(lines.some((l) => /^KB calibration: target precision 0.9 → /.test(l.msg))).toBe(true);
      expect((await readdir(cache)).filter((f) => f.startsWith('calibration-'))).toHaveLength(1);
    } finally {
      bot.close();
    }
    // The same KB again: the stored result, no new measurement.
    const again = await createBot({ kbDir: dir, watch: false, log: () => {}, calibrationCacheDir: cache });
    try {
      const stored = await again.calibrated();
      // Equal to the first run's result, measuring time included: read back, not measured again.
      expect(stored.calibration).toEqual(first);
    } finally {
      again.close();
    }
  });

  it('a higher target precision answers at a higher confidence and no more often', async () => {
    const { dir } = await setup();
    const points = [];
    for (const targetPrecision of [0.6, 0.9, 0.99]) {
      // On words alone: read by meaning too (the default `static` encoder), this synthetic KB is
      // separated at the answer floor for every target, so there is no trade-off left to check.
      const bot = await createBot({ kbDir: dir, watch: false, log: () => {}, calibrate: 'inline', thresholds: { targetPrecision, encoder: 'none' } });
      const r = await bot.calibrated();
      bot.close();
      points.push({ answer: r.point.answer, coverage: r.calibration?.estimate?.coverage ?? 0 });
    }
    for (let i = 1; i < points.length; i++) {
      expect(points[i]?.answer).toBeGreaterThanOrEqual(points[i - 1]?.answer as number);
      expect(points[i]?.coverage).toBeLessThanOrEqual(points[i - 1]?.coverage as number);
    }
    expect(points[0]?.answer).toBeLessThan(points[2]?.answer as number);
  });

  it('a KB too small to measure keeps the fixed point and says so', async () => {
    const kb = await tempKb({ 'a.md': md('title: Shipping times', 'Delivery takes 3–5 days.'), 'b.md': md('title: Returns', 'Send it back within 30 days.') });
    cleanups.push(kb.cleanup);
    const bot = await createBot({ kbDir: kb.dir, watch: false, log: () => {} });
    const r = await bot.calibrated();
    bot.close();
    expect(r.state).toBe('ready');
    expect(r.calibration?.measured).toBe(false);
    expect(r.point.answer).toBe(0.57);
  });
});
