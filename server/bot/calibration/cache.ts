import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../article';
import type { BotThresholds } from '../config';
import type { SynonymsFile } from '../synonyms';
import { z } from 'zod';
import type { KbCalibration } from './self-calibrate';
import { SELF_CALIBRATION } from './self-calibrate';

const num = z.number().finite();
const Estimate = z.object({ answer: num, precision: num, coverage: num, selfServeAt3: num, inScopeAccuracy: num, oosRecall: num });
/** What a stored file must hold to be used: exactly what a measurement returns. */
const Stored = z
  .object({
    measured: z.boolean(),
    reached: z.boolean(),
    target: num,
    point: z.object({
      calibration: z.object({ bias: num, score: num, margin: num, evidence: num, agreement: num, minScore: num }),
      answer: num,
      suggest: num,
      thinMatch: num.optional(),
      meaningCheck: z.boolean().optional(),
    }),
    questions: z.object({ inScope: num, outOfScope: num, fromTitles: num }),
    confused: z.array(z.object({ a: z.string(), b: z.string(), count: num })),
    curve: z.array(Estimate),
    estimate: Estimate.nullable(),
    ms: num,
  });

/** Bumped whenever the self-measurement changes in a way that makes stored results stale. */
const VERSION = 2;

/**
 * What a calibration depends on: every article (content, not file times), the synonyms, the
 * thresholds (the target precision and the ranker's settings) and the measurement's own settings.
 */
export function calibrationKey(articles: readonly Article[], synonyms: SynonymsFile | null, t: BotThresholds, readsMeaning: boolean): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ VERSION, SELF_CALIBRATION, t, readsMeaning, synonyms }));
  for (const a of articles) h.update(JSON.stringify(a));
  return h.digest('hex').slice(0, 32);
}

/** Stored results, one JSON file per key in `dir` (the server uses `DATA_DIR/bot`). */
export class CalibrationCache {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, `calibration-${key}.json`);
  }

  async get(key: string): Promise<KbCalibration | null> {
    try {
      // Returned as `KbCalibration`: the compiler checks that the schema gives exactly that.
      const parsed = Stored.safeParse(JSON.parse(await readFile(this.file(key), 'utf8')));
      // A file this version cannot read is measured again and overwritten.
      return parsed.success ? parsed.data : null;
    } catch {
      // Missing or not JSON: measure again.
      return null;
    }
  }

  async put(key: string, c: KbCalibration): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.file(key)}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(c));
    await rename(temp, this.file(key));
  }
}
