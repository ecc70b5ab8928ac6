import { parentPort } from 'node:worker_threads';
import type { Article } from '../article';
import type { BotThresholds } from '../config';
import type { SynonymsFile } from '../synonyms';
import { DEFAULT_DISTIL } from '../encoder/distil';
import { cachedStaticEncoder } from '../encoder/static-table';
import { selfCalibrate } from './self-calibrate';
import type { KbCalibration } from './self-calibrate';

/** One job: the KB's articles, its synonyms, the thresholds, and the encoder's vectors of its texts, if it reads them. */
export interface CalibrationJob {
  articles: Article[];
  synonyms: SynonymsFile | null;
  thresholds: BotThresholds;
  meanings: { dimensions: number; entries: [string, Float32Array][] } | null;
  /** The meaning check is part of the measurement: the distilled encoder's table is read from this cache folder. */
  words: { cacheDir: string | undefined } | null;
}

export type CalibrationReply = { calibration: KbCalibration } | { error: string };

parentPort?.once('message', async (job: CalibrationJob) => {
  let reply: CalibrationReply;
  try {
    const words = job.words ? await cachedStaticEncoder(DEFAULT_DISTIL, job.words.cacheDir) : null;
    if (job.words && !words) throw new Error("the distilled encoder's table could not be read");
    const vectors = job.meanings ? new Map(job.meanings.entries) : null;
    const meanings = job.meanings && vectors ? { dimensions: job.meanings.dimensions, of: (t: string) => vectors.get(t) } : null;
    reply = { calibration: selfCalibrate(job.articles, job.synonyms, job.thresholds, meanings, words) };
  } catch (e) {
    reply = { error: (e as Error).stack ?? String(e) };
  }
  parentPort?.postMessage(reply);
});
