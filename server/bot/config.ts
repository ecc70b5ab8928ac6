import { z } from 'zod';
import { BotError, BotErrorCode } from './errors';
import type { RankerConfig } from './ranker-config';

/**
 * confidence = sigmoid(bias + score·s₁ + margin·(s₁ − s₂) + evidence·e [+ agreement]) · min(1, s₁ / minScore)²,
 * with s₁ and s₂ the best two article scores and e the best article's evidence share (the
 * IDF-weighted share of the message's words and word pairs it has; `Support.evidence`). The fade
 * below `minScore` keeps a weak match that merely has no competitor (common in small KBs) from
 * looking certain.
 */
export interface Calibration {
  bias: number;
  score: number;
  margin: number;
  /**
   * Weight of the evidence share. A trained model can be sure of an article on a few telling words
   * while the rest of the message is about something else; how much of the message the article
   * covers tells those apart (docs/BOT.md).
   */
  evidence: number;
  /**
   * Added when the trained intent model on its own puts the same article first as the blend of all
   * signals (`Ranked.agrees`); nothing is added without the model.
   */
  agreement: number;
  minScore: number;
}

/** Sentence encoders the bot can use (`BotThresholds.encoder`). */
export const ENCODERS = ['none', 'use-lite', 'static'] as const;
export type EncoderName = (typeof ENCODERS)[number];

/**
 * Every knob of the decision policy. Defaults were tuned on the CLINC150 validation split and
 * checked on the demo KB (docs/BOT.md has the numbers); a site owner normally only touches
 * `targetPrecision` (and the conversation limits: `maxSuggestions`, `unhelpfulRoundsToEscalate`,
 * `alwaysHuman`, `maxMessageChars`, `encoder`); the rest are model internals, fitted on data.
 */
export interface BotThresholds {
  /**
   * The one knob for how careful the bot is: the share of its outright answers that should be
   * right. At each KB load the bot measures itself on the KB's own content (held-out questions and
   * held-out articles, `calibration/`) and answers from the confidence where its measured precision
   * reaches this; higher answers less and suggests more.
   */
  targetPrecision: number;
  /**
   * Fixed answer threshold, used only until the KB's self-measurement is done and for KBs too small
   * to measure themselves (fewer than a few dozen questions or titles to hold out).
   */
  answer: number;
  /** Confidence at or above which the bot shows 2–3 suggestions; below it offers a person. */
  suggest: number;
  /** Confidence at or above which an `always-human` best match hands over (with the article for the agent). */
  alwaysHuman: number;
  /** A further suggestion must score at least this fraction of the best article's score. */
  suggestRatio: number;
  /** Most suggestions shown (2 or 3 makes sense as buttons). */
  maxSuggestions: number;
  /** Consecutive unhelpful rounds, counting the current one, that start a handover. */
  unhelpfulRoundsToEscalate: number;
  /** Longer messages are cut to this many characters before matching. */
  maxMessageChars: number;
  /** Maps the best two article scores to a probability-like confidence (similarity signals only). */
  calibration: Calibration;
  /**
   * The same, for a KB whose articles have enough example questions to train the softmax model:
   * its scores are distributed differently, so it has its own fit.
   */
  calibrationTrained: Calibration;
  /** The same, when the intent model also reads a sentence encoder's vectors (`encoder`). */
  calibrationEncoded: Calibration;
  /**
   * A sentence encoder for KBs with example questions: `use-lite` reads messages by meaning as
   * well as by their words (CLINC150 val: answered and right 0.87 → 0.92 at the same precision),
   * at about 12 ms more per message (on its own thread) and 6 ms per example question when the KB
   * loads; `static` reads them through a table distilled from that encoder (well under 1 ms a
   * message; CLINC150 val 0.87 → 0.89 in-scope); `none` (default) keeps decisions near 1 ms. See docs/BOT.md.
   */
  encoder: EncoderName;
  /** When a match is too thin to trust, whatever the scores say. */
  support: SupportThresholds;
  /** Scoring of articles against a message. */
  ranker: RankerConfig;
}

/**
 * A message that contains words the KB does not know (not even as a likely misspelling), and shares
 * only one word or word pair with the best article, is probably about something else ("what is the
 * meaning of life" → "What your order status means"): its confidence is multiplied by
 * min(1, evidence / minEvidence), where evidence is the IDF-weighted share of the message's content
 * words and word pairs that the article has (see `Support` in vocabulary.ts).
 */
export interface SupportThresholds {
  /** A match with unknown words that shares fewer words + word pairs than this with the article is thin (0 turns the check off). */
  thinMatch: number;
  /** Evidence share at which a thin match keeps its full confidence. */
  minEvidence: number;
}

export const DEFAULT_THRESHOLDS: BotThresholds = {
  targetPrecision: 0.9,
  answer: 0.57,
  suggest: 0.1,
  alwaysHuman: 0.35,
  suggestRatio: 0.6,
  maxSuggestions: 3,
  unhelpfulRoundsToEscalate: 2,
  maxMessageChars: 1000,
  calibration: { bias: -1.94, score: 2.15, margin: 8.8, evidence: 0, agreement: 0, minScore: 0.2 },
  calibrationTrained: { bias: -4.38, score: 2.47, margin: 3.27, evidence: 3.52, agreement: 1.93, minScore: 0.2 },
  calibrationEncoded: { bias: -3.91, score: 2.61, margin: 4.83, evidence: 3.12, agreement: 1.2, minScore: 0.2 },
  encoder: 'none',
  support: { thinMatch: 2, minEvidence: 0.4 },
  ranker: {
    features: { words: 0.4, pairs: 0.4, chars: 0.2 },
    nearest: 0.5,
    centroid: 0.3,
    search: 0.2,
    bayes: 0.5,
    linear: 4,
    bayesTemperature: 1,
    linearMinQuestions: 50,
    linearC: 0.5,
    linearTemperature: 0.25,
    encoderWeight: 2,
    encoderMinQuestions: 5,
    bayesGate: 0.5,
    bayesAlpha: 0.05,
    searchHalf: 8,
    bodyWeight: 0.85,
    boost: { title: 2, questions: 1.5, tags: 1.5, body: 1 },
    fuzzy: 0.2,
    typoMinLength: 5,
    correctMinLength: 6,
  },
};

const unit = z.number().min(0).max(1);
const weight = z.number().min(0).max(100);
const num = z.number().min(-1000).max(1000);
const calibrationInput = z.object({ bias: num, score: num, margin: num, evidence: num, agreement: num, minScore: unit }).partial();

/** A thresholds/config file or `BotOptions.thresholds`: any subset of `BotThresholds`. */
export const BotThresholdsInput = z
  .object({
    targetPrecision: z.number().min(0.5).max(0.995),
    answer: unit,
    suggest: unit,
    alwaysHuman: unit,
    suggestRatio: unit,
    maxSuggestions: z.number().int().min(1).max(10),
    unhelpfulRoundsToEscalate: z.number().int().min(1).max(100),
    maxMessageChars: z.number().int().min(10).max(100_000),
    calibration: calibrationInput,
    calibrationTrained: calibrationInput,
    calibrationEncoded: calibrationInput,
    encoder: z.enum(ENCODERS),
    support: z.object({ thinMatch: z.number().int().min(0).max(100), minEvidence: z.number().positive().max(1) }).partial(),
    ranker: z
      .object({
        features: z.object({ words: weight, pairs: weight, chars: weight }).partial(),
        nearest: weight,
        centroid: weight,
        search: weight,
        bayes: weight,
        bayesTemperature: z.number().positive().max(1000),
        linear: weight,
        linearMinQuestions: z.number().min(0).max(1000),
        linearC: z.number().positive().max(1000),
        linearTemperature: z.number().positive().max(1000),
        encoderWeight: weight,
        encoderMinQuestions: z.number().min(0).max(1000),
        bayesGate: z.number().positive().max(1),
        bayesAlpha: z.number().positive().max(100),
        searchHalf: z.number().positive().max(1000),
        bodyWeight: unit,
        boost: z.object({ title: weight, questions: weight, tags: weight, body: weight }).partial(),
        fuzzy: unit,
        typoMinLength: z.number().int().min(2).max(50),
        correctMinLength: z.number().int().min(2).max(50),
      })
      .partial(),
  })
  .partial()
  .strict();
export type BotThresholdsInput = z.infer<typeof BotThresholdsInput>;

/** Validates a partial configuration and fills in defaults. Throws `BotError` when invalid. */
export function resolveThresholds(input: unknown): BotThresholds {
  const r = BotThresholdsInput.safeParse(input ?? {});
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new BotError(BotErrorCode.invalidConfig, `invalid bot thresholds: ${msg}`);
  }
  const p = r.data;
  const d = DEFAULT_THRESHOLDS;
  const t: BotThresholds = {
    ...d,
    ...p,
    calibration: { ...d.calibration, ...p.calibration },
    calibrationTrained: { ...d.calibrationTrained, ...p.calibrationTrained },
    calibrationEncoded: { ...d.calibrationEncoded, ...p.calibrationEncoded },
    support: { ...d.support, ...p.support },
    ranker: {
      ...d.ranker,
      ...p.ranker,
      features: { ...d.ranker.features, ...p.ranker?.features },
      boost: { ...d.ranker.boost, ...p.ranker?.boost },
    },
  };
  if (t.suggest > t.answer) throw new BotError(BotErrorCode.invalidConfig, 'invalid bot thresholds: suggest must not exceed answer');
  if (t.ranker.nearest + t.ranker.centroid + t.ranker.search + t.ranker.bayes + t.ranker.linear <= 0) {
    throw new BotError(BotErrorCode.invalidConfig, 'invalid bot thresholds: ranker weights must not all be zero');
  }
  return t;
}
