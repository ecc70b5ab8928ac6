import type { Article } from '../article';
import type { BotThresholds, Calibration } from '../config';
import type { Meanings } from '../intent-model';
import { IntentModel } from '../intent-model';
import { calibrationFor, fixedPoint, judgeWith } from '../policy';
import type { SynonymsFile } from '../synonyms';
import { fitLogistic } from './fit';
import { planFolds } from './held-out';
import { chooseAnswer, estimateAt, suggestKeeping } from './operating-point';
import type { JudgedSample, OperatingPoint, PointEstimate } from './operating-point';
import { askFolds } from './simulate';
import type { Sample } from './simulate';

/**
 * Model internals of the self-measurement (fitted or chosen on CLINC150 val, the in-domain
 * out-of-scope protocol on val and the demo dev sets; docs/BOT.md). Not for site owners.
 */
export const SELF_CALIBRATION = {
  /** Rebuilds of the KB; each leaves 1/folds of the articles out and holds out 1/folds of the other questions. */
  folds: 3,
  /** Questions asked per fold at most (a random subset beyond), which bounds the time on large KBs. */
  maxQuestionsPerFold: 700,
  /** Out-of-scope share the precision is estimated for: support bots get many questions their KB cannot answer. */
  oosShare: 0.5,
  /** Articles without example questions are measured with their titles held out as questions. */
  titlesAsQuestions: true,
  /** The answer threshold is never below this, whatever the measurement: off-topic chatter is not simulated by held-out articles. */
  answerFloor: 0.25,
  /**
   * Share of held-out in-scope questions that keep their suggestions (below, the bot offers a person),
   * never above `suggest`. Chosen on the KB's own fit, not carried over from the fixed calibration,
   * whose share depends on how the KB ranks: with the static encoder, CLINC 10/intent kept 0.963 of
   * them that way and val self-serve@3 fell to 0.848. At 0.99 it is 0.874; 0.98 and 0.995 on
   * docs/BOT.md (*Suggestion threshold*).
   */
  suggestKeep: 0.99,
  /** The suggestion threshold is never below this: a message nothing in the KB resembles gets a person. */
  suggestFloor: 0.01,
  /** Prior precision of the fit around the CLINC150 calibration, in samples' worth. */
  priorStrength: 5,
  /**
   * Fewer held-out example questions than this, in scope or out of scope: too few to choose an
   * operating point; the fixed point is used and only reported on. Titles held out as questions do
   * not count: choosing a point from them did not help on the demo KB (docs/BOT.md). At 30 / 20 a
   * 30-article banking FAQ with 64 example questions measures itself (dev precision 0.67 at the fixed
   * point → 0.91); the demo KB (39 questions, 26 held out in scope) stays below: measured, it lost
   * precision (0.876 → 0.859). KBs of 20 CLINC intents × 10 questions: 0.78 (fixed) → 0.94 on val.
   */
  minInScope: 30,
  minOutOfScope: 20,
  seed: 1,
  /**
   * Where no threshold reaches the target, the point is a fallback the bot cannot vouch for: the
   * meaning check of the fixed point (`foreign.ts`) then applies too, so a match whose message names
   * something the article is not about is suggested, not answered. bank-faq dev: precision 0.861 →
   * 0.966 (its neighbours share words with an article and name what it lacks); KBs whose measurement
   * reaches the target (CLINC, the protocol, most small KBs) are not touched. docs/BOT.md
   * (*Measured KBs that cannot reach the target*).
   */
  meaningCheckUnreached: true,
};

const CURVE = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/** Two articles the bot mixed up in the self-measurement: these are the ones to rewrite. */
export interface ConfusedPair {
  a: string;
  b: string;
  /** Held-out questions of one that ranked the other first. */
  count: number;
}

/** What the bot measured on one KB and the operating point it chose (`GET /api/kb/calibration`). */
export interface KbCalibration {
  /** Whether the KB had enough example questions to choose its own point; if not, `point` is the fixed one and nothing was measured. */
  measured: boolean;
  /** Whether the measured precision reaches `target`; if not, the bot answers where it measured best. */
  reached: boolean;
  target: number;
  point: OperatingPoint;
  /** At `point`, on the held-out questions, out-of-scope ones weighted to `oosShare`. */
  estimate: PointEstimate | null;
  /** Held-out questions: in scope (their article was kept) and out of scope (it was held out). */
  questions: { inScope: number; outOfScope: number; fromTitles: number };
  confused: ConfusedPair[];
  /** The trade-off a different target would make: the estimate at a range of thresholds. */
  curve: PointEstimate[];
  ms: number;
}


const asVector = (c: Calibration): number[] => [c.bias, c.score, c.margin, c.evidence, c.agreement];

function featuresOf(s: Sample): number[] {
  const s1 = s.ranked[0]?.score ?? 0;
  const s2 = s.ranked[1]?.score ?? 0;
  return [s1, s1 - s2, s.support?.evidence ?? 0, s.ranked[0]?.agrees ? 1 : 0];
}

/**
 * Whether measuring the KB is worth a thread: a KB with fewer than `minInScope` + `minOutOfScope`
 * example questions is surely too small to choose a point, and `selfCalibrate` returns at once.
 */
export function worthAThread(articles: readonly Article[]): boolean {
  return articles.reduce((n, a) => n + a.questions.length, 0) >= SELF_CALIBRATION.minInScope + SELF_CALIBRATION.minOutOfScope;
}

/** The fixed operating point: the CLINC150 calibration for how the KB ranks, and `answer` (in `policy.ts`, which decides with it). */
export { fixedPoint };

/**
 * Measures the bot on the KB's own content and picks the operating point for `t.targetPrecision`.
 * CPU-bound (a KB rebuild per fold): run it off the event loop (`calibrateInWorker`).
 */
export function selfCalibrate(
  articles: readonly Article[],
  synonyms: SynonymsFile | null,
  t: BotThresholds,
  meanings: Meanings | null = null,
  settings: Partial<typeof SELF_CALIBRATION> = {},
): KbCalibration {
  const started = performance.now();
  // `settings` is for experiments and tests; the bot always measures with SELF_CALIBRATION.
  const cfg = { ...SELF_CALIBRATION, ...settings };
  const minQuestions = meanings ? t.ranker.encoderMinQuestions : t.ranker.linearMinQuestions;
  const trained = t.ranker.linear > 0 && IntentModel.wouldTrain(articles, { minQuestions });
  const mode = { trained, readsMeaning: trained && meanings !== null };
  // Every fold ranks the way the whole KB does: with the intent model if the KB trains it, even when a fold has fewer questions.
  const foldT: BotThresholds = { ...t, ranker: { ...t.ranker, linearMinQuestions: trained ? 0 : 1e9, encoderMinQuestions: trained ? 0 : 1e9 } };
  const prior = calibrationFor(mode, t);
  const folds = planFolds(articles, { folds: cfg.folds, seed: cfg.seed, maxQuestions: cfg.maxQuestionsPerFold, titlesAsQuestions: cfg.titlesAsQuestions });
  const titled = new Set(articles.filter((a) => a.questions.length === 0).map((a) => a.title));
  const asked = folds.flatMap((f) => f.questions);
  const inScope = asked.filter((q) => q.expected !== null).length;
  const questions = { inScope, outOfScope: asked.length - inScope, fromTitles: asked.filter((q) => titled.has(q.text)).length };
  // Too few example questions to choose a point: decided before any rebuild, so such a KB costs nothing.
  const fromQuestions = (outOfScope: boolean): number => asked.filter((q) => (q.expected === null) === outOfScope && !titled.has(q.text)).length;
  if (fromQuestions(false) < cfg.minInScope || fromQuestions(true) < cfg.minOutOfScope) {
    return { measured: false, reached: false, target: t.targetPrecision, point: fixedPoint(mode, t), estimate: null, questions, confused: [], curve: [], ms: Math.round(performance.now() - started) };
  }
  const samples = askFolds(folds, synonyms, t, foldT, meanings);
  const confused = confusedPairs(samples);
  const judgedWith = (calibration: Calibration, suggest: number): JudgedSample[] =>
    samples.map((s) => {
      const confidence = judgeWith(s.ranked, { calibration, suggest }, t, () => s.support);
      // A suggestion needs a confidence of at least `suggest`; below, the bot offers a person.
      return { confidence, right: s.right, outOfScope: s.outOfScope, suggested: s.suggested && confidence >= suggest };
    });
  const w = (questions.outOfScope === 0 ? 1 : (cfg.oosShare / (1 - cfg.oosShare)) * (inScope / questions.outOfScope));
  const fitted = fitLogistic(
    samples.filter((s) => s.ranked.length > 0).map((s) => ({ x: featuresOf(s), y: s.right, weight: s.outOfScope ? w : 1 })),
    asVector(prior),
    cfg.priorStrength,
  );
  const [bias, score, margin, evidence, agreement] = fitted.map((x) => Math.round(x * 1000) / 1000) as [number, number, number, number, number];
  const calibration: Calibration = { bias, score, margin, evidence, agreement, minScore: prior.minScore };
  const fixed = fixedPoint(mode, t);
  const suggest = suggestKeeping(judgedWith(calibration, fixed.suggest), cfg.suggestKeep, fixed.suggest, cfg.suggestFloor);
  const judged = judgedWith(calibration, suggest);
  const choice = chooseAnswer(judged, t.targetPrecision, cfg.oosShare, cfg.answerFloor);
  const answer = Math.max(choice.answer, suggest);
  return {
    measured: true,
    reached: choice.reached,
    target: t.targetPrecision,
    point: { calibration, answer, suggest, ...(!choice.reached && cfg.meaningCheckUnreached ? { meaningCheck: true } : {}) },
    estimate: estimateAt(judged, answer, cfg.oosShare),
    questions,
    confused,
    curve: CURVE.map((a) => estimateAt(judged, a, cfg.oosShare)),
    ms: Math.round(performance.now() - started),
  };
}

function confusedPairs(samples: readonly Sample[], limit = 10): ConfusedPair[] {
  const counts = new Map<string, ConfusedPair>();
  for (const s of samples) {
    if (s.outOfScope || s.right || !s.expected || !s.top) continue;
    const [a, b] = [s.expected, s.top].sort() as [string, string];
    const key = `${a}\u0000${b}`;
    const pair = counts.get(key) ?? { a, b, count: 0 };
    pair.count++;
    counts.set(key, pair);
  }
  return [...counts.values()].sort((x, y) => y.count - x.count || x.a.localeCompare(y.a)).slice(0, limit);
}

