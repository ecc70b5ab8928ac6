import type { Calibration } from '../config';

/** How the bot decides on one KB: the calibration of its confidence and the confidence it answers at. */
export interface OperatingPoint {
  calibration: Calibration;
  /** Confidence at or above which the best article is answered (above 1: the bot only suggests). */
  answer: number;
  /**
   * Confidence below which the bot offers a person instead of suggestions. A refitted calibration
   * spreads confidences differently, so it is chosen on the fit: a fixed share of held-out in-scope
   * questions keeps its suggestions (`suggestKeeping`), never above `BotThresholds.suggest`.
   */
  suggest: number;
  /**
   * Words + word pairs a match with a word unknown to the KB must share with the best article not
   * to be thin (`SupportThresholds`); default `support.thinMatch`. The fixed point is stricter.
   */
  thinMatch?: number;
  /**
   * Whether the meaning check applies (`foreign.ts`): a match whose message names something the
   * article is not about is not answered. At the fixed point (KBs that cannot measure themselves) and
   * at a measured point that does not reach the target (`SELF_CALIBRATION.meaningCheckUnreached`).
   */
  meaningCheck?: boolean;
}

/** One held-out question, as the bot judged it with a given calibration. */
export interface JudgedSample {
  confidence: number;
  /** The best-ranked article is the one expected (false for every question whose article was held out). */
  right: boolean;
  /** Nothing in the KB answers it (its article was held out). */
  outOfScope: boolean;
  /** The expected article is among the suggestions the bot would show. */
  suggested: boolean;
}

/** What the self-measurement estimates at an operating point, out-of-scope questions weighted to `oosShare`. */
export interface PointEstimate {
  answer: number;
  precision: number;
  coverage: number;
  selfServeAt3: number;
  /** Right answers among in-scope questions. */
  inScopeAccuracy: number;
  /** Out-of-scope questions not answered. */
  oosRecall: number;
}

/** Where a KB cannot reach its target precision at any threshold: it answers nothing and only suggests. */
export const NEVER_ANSWER = 1.01;

/** Weights that make out-of-scope questions `oosShare` of the total (in-scope ones keep weight 1). */
export function oosWeight(samples: readonly JudgedSample[], oosShare: number): number {
  const oos = samples.filter((s) => s.outOfScope).length;
  const inScope = samples.length - oos;
  if (oos === 0 || inScope === 0) return 1;
  return (oosShare / (1 - oosShare)) * (inScope / oos);
}

/** The estimate at threshold `answer`. */
export function estimateAt(samples: readonly JudgedSample[], answer: number, oosShare: number): PointEstimate {
  const w = oosWeight(samples, oosShare);
  let answered = 0;
  let right = 0;
  let total = 0;
  let inScope = 0;
  let selfServe = 0;
  let oos = 0;
  let declined = 0;
  for (const s of samples) {
    const weight = s.outOfScope ? w : 1;
    const answers = s.confidence >= answer;
    total += weight;
    if (answers) answered += weight;
    if (s.outOfScope) {
      oos++;
      if (!answers) declined++;
      continue;
    }
    inScope++;
    if (answers && s.right) right++;
    if ((answers && s.right) || (!answers && s.suggested)) selfServe++;
  }
  const ratio = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);
  return {
    answer,
    precision: ratio(right, answered),
    coverage: ratio(answered, total),
    selfServeAt3: ratio(selfServe, inScope),
    inScopeAccuracy: ratio(right, inScope),
    oosRecall: ratio(declined, oos),
  };
}

/** The chosen threshold, and whether its measured precision reaches the target. */
export interface Choice {
  answer: number;
  reached: boolean;
}

/**
 * The lowest threshold (most answers) at which the measured precision, out-of-scope questions
 * weighted to `oosShare`, is at least `target`. The precision counts one more wrong answer than
 * measured, so a threshold resting on a handful of answers is not trusted. Never below `floor`.
 * When no threshold reaches the target, the one with the best precision that still answers at
 * least `minCoverage` of the questions (`reached: false`); `NEVER_ANSWER` when none does or when
 * even that one is wrong half the time.
 */
export function chooseAnswer(samples: readonly JudgedSample[], target: number, oosShare: number, floor: number, minCoverage = 0.05): Choice {
  const w = oosWeight(samples, oosShare);
  const total = samples.reduce((n, s) => n + (s.outOfScope ? w : 1), 0);
  const sorted = [...samples].sort((a, b) => b.confidence - a.confidence);
  let answered = 0;
  let right = 0;
  let reached = NEVER_ANSWER;
  // A fallback right less than half the time would do more harm than suggesting only.
  let fallback = { answer: NEVER_ANSWER, precision: 0.5 };
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i] as JudgedSample;
    answered += s.outOfScope ? w : 1;
    if (s.right && !s.outOfScope) right++;
    // Samples with one confidence are answered together: a threshold can only sit between two values.
    const next = sorted[i + 1];
    if (next && next.confidence === s.confidence) continue;
    if (s.confidence < floor) break;
    const precision = right / (answered + 1);
    if (precision >= target) reached = s.confidence;
    if (answered >= minCoverage * total && precision > fallback.precision) fallback = { answer: s.confidence, precision };
  }
  return reached <= 1 ? { answer: reached, reached: true } : { answer: fallback.answer, reached: false };
}

/**
 * The suggestion threshold: the highest confidence at or above which `keep` of the held-out
 * in-scope questions still get suggestions (or an answer); never above `ceiling` (the fixed
 * calibration's `suggest`) and never below `floor`, so a message nothing in the KB resembles still
 * gets a person. Read from the KB's own fit, it does not depend on how the KB ranks (with the
 * encoder its confidences spread differently than the fixed calibration assumes).
 */
export function suggestKeeping(samples: readonly JudgedSample[], keep: number, ceiling: number, floor = 0.01): number {
  const sorted = samples.filter((s) => !s.outOfScope).map((s) => s.confidence).sort((a, b) => b - a);
  if (sorted.length === 0) return ceiling;
  const at = sorted[Math.min(sorted.length, Math.max(1, Math.ceil(keep * sorted.length))) - 1] as number;
  return Math.max(floor, Math.min(ceiling, at));
}
