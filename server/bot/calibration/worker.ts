import { parentPort } from 'node:worker_threads';
import type { Article } from '../article';
import type { BotThresholds } from '../config';
import type { SynonymsFile } from '../synonyms';
import { selfCalibrate } from './self-calibrate';
import type { KbCalibration } from './self-calibrate';

/** One job: the KB's articles, its synonyms, the thresholds, and the encoder's vectors of its texts, if it reads them. */
export interface CalibrationJob {
  articles: Article[];
  synonyms: SynonymsFile | null;
  thresholds: BotThresholds;
  meanings: { dimensions: number; entries: [string, Float32Array][] } | null;
}

export type CalibrationReply = { calibration: KbCalibration } | { error: string };

parentPort?.once('message', (job: CalibrationJob) => {
  let reply: CalibrationReply;
  try {
    const vectors = job.meanings ? new Map(job.meanings.entries) : null;
    const meanings = job.meanings && vectors ? { dimensions: job.meanings.dimensions, of: (t: string) => vectors.get(t) } : null;
    reply = { calibration: selfCalibrate(job.articles, job.synonyms, job.thresholds, meanings) };
  } catch (e) {
    reply = { error: (e as Error).stack ?? String(e) };
  }
  parentPort?.postMessage(reply);
});
