import type { Article } from '../article';
import type { BotThresholds } from '../config';
import type { Meanings } from '../intent-model';
import type { SynonymsFile } from '../synonyms';
import type { BotLog } from '../types';
import { CalibrationCache, calibrationKey } from './cache';
import { calibrateInWorker } from './in-worker';
import type { CalibrationTask } from './in-worker';
import type { OperatingPoint } from './operating-point';
import { fixedPoint, selfCalibrate, worthAThread } from './self-calibrate';
import type { KbCalibration } from './self-calibrate';

/**
 * `measuring`: the KB just loaded and the bot answers at the fixed operating point meanwhile;
 * `ready`: the self-measured point is in use (or the KB was too small to measure, `measured: false`);
 * `failed`: the measurement failed and the fixed point stays.
 */
export interface CalibrationReport {
  state: 'measuring' | 'ready' | 'failed';
  /** Content hash of the KB version (also the cache key). */
  key: string;
  /** In use now. */
  point: OperatingPoint;
  calibration: KbCalibration | null;
  error?: string;
}

export interface CalibratorOptions {
  thresholds: BotThresholds;
  log: BotLog;
  /** Folder for stored results (none: measure on every start). */
  cacheDir?: string;
  /** `worker` (default) measures on its own thread; `inline` on the caller's (scripts, tests). */
  run?: 'worker' | 'inline';
}

interface KbShape {
  trained: boolean;
  readsMeaning: boolean;
}

/** Keeps the operating point of the KB version being served, measured off the event loop and cached by content. */
export class Calibrator {
  private current: CalibrationReport;
  private generation = 0;
  private task: CalibrationTask | null = null;
  private pending: Promise<void> = Promise.resolve();
  private readonly cache: CalibrationCache | null;

  constructor(private readonly opts: CalibratorOptions) {
    this.cache = opts.cacheDir ? new CalibrationCache(opts.cacheDir) : null;
    this.current = { state: 'ready', key: '', point: fixedPoint({ trained: false, readsMeaning: false }, opts.thresholds), calibration: null };
  }

  get point(): OperatingPoint {
    return this.current.point;
  }

  report(): CalibrationReport {
    return this.current;
  }

  /** Resolves once the KB version last started is measured (or failed). */
  async settled(): Promise<CalibrationReport> {
    for (;;) {
      const waiting = this.pending;
      await waiting;
      if (waiting === this.pending) return this.current;
    }
  }

  /** A new KB version is served: the fixed point at once, the measured one when ready. */
  start(articles: readonly Article[], synonyms: SynonymsFile | null, kb: KbShape, meanings: Meanings | null): void {
    const t = this.opts.thresholds;
    const generation = ++this.generation;
    this.task?.cancel();
    this.task = null;
    const key = calibrationKey(articles, synonyms, t, kb.readsMeaning);
    this.current = { state: 'measuring', key, point: fixedPoint(kb, t), calibration: null };
    const finish = (c: KbCalibration): void => {
      if (generation !== this.generation) return;
      this.current = { state: 'ready', key, point: c.point, calibration: c };
      this.opts.log('info', describe(c));
    };
    this.pending = (async () => {
      try {
        const stored = await this.cache?.get(key);
        if (stored) return finish(stored);
        if (generation !== this.generation) return;
        // A KB too small to measure is answered at once, without starting a thread.
        const inline = this.opts.run === 'inline' || !worthAThread(articles);
        const c = inline ? selfCalibrate(articles, synonyms, t, meanings) : await this.inWorker(articles, synonyms, meanings);
        finish(c);
        await this.cache?.put(key, c).catch((e: unknown) => this.opts.log('warn', `KB calibration: not stored: ${(e as Error).message}`));
      } catch (e) {
        if (generation !== this.generation) return;
        this.current = { ...this.current, state: 'failed', error: (e as Error).message };
        this.opts.log('error', `${(e as Error).message}; answering at the fixed threshold ${t.answer}`);
      }
    })();
  }

  private async inWorker(articles: readonly Article[], synonyms: SynonymsFile | null, meanings: Meanings | null): Promise<KbCalibration> {
    const texts = new Set(articles.flatMap((a) => [a.title, ...a.questions]));
    const entries: [string, Float32Array][] = [];
    if (meanings) for (const text of texts) {
      const v = meanings.of(text);
      if (v) entries.push([text, v]);
    }
    this.task = calibrateInWorker({
      articles: [...articles],
      synonyms,
      thresholds: this.opts.thresholds,
      meanings: meanings ? { dimensions: meanings.dimensions, entries } : null,
    });
    return this.task.result;
  }

  close(): void {
    this.generation++;
    this.task?.cancel();
    this.task = null;
  }
}

/** The log line an operator reads after each KB load. */
export function describe(c: KbCalibration): string {
  const q = `${c.questions.inScope} in-scope + ${c.questions.outOfScope} held-out-article questions`;
  const e = c.estimate;
  if (!c.measured || !e) return `KB calibration: too few example questions to measure (${q}); answering at the fixed threshold ${c.point.answer}`;
  const at =
    c.point.answer > 1
      ? 'no threshold reaches it: suggesting only'
      : `${c.reached ? '' : 'not reached; best measured point: '}answers at confidence ≥ ${c.point.answer}${c.point.meaningCheck ? ' with the meaning check' : ''}`;
  const confused = c.confused.slice(0, 3).map((p) => `${p.a} ↔ ${p.b} (${p.count})`).join(', ');
  return (
    `KB calibration: target precision ${c.target} → ${at}; estimated precision ${e.precision}, coverage ${e.coverage}, ` +
    `self-serve@3 ${e.selfServeAt3} (${q}, ${c.ms} ms)` +
    (confused ? `; most confused: ${confused}` : '')
  );
}
