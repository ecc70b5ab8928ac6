import { z } from 'zod';
import { BotError, BotErrorCode } from './errors';
import { RankerConfigSchema } from './ranker-config';

/**
 * Every setting of the bot, declared once: type, bound, default and why (`.describe`). Two groups:
 * `SiteKnobs`, the few a site owner may touch (how careful the bot is, how a conversation goes),
 * and `ModelInternals`, fitted or chosen on data (CLINC150 val, the in-domain out-of-scope protocol
 * on val, the demo dev sets; docs/BOT.md) and accepted only for experiments. docs/BOT.md's *Knobs*
 * tables list the same names; `config.test.ts` keeps them in step.
 */

/** Sentence encoders the bot can use (`BotThresholds.encoder`). */
export const ENCODERS = ['none', 'use-lite', 'static'] as const;
export type EncoderName = (typeof ENCODERS)[number];

const unit = (fallback: number, doc: string) => z.number().min(0).max(1).default(fallback).describe(doc);
const count = (fallback: number, min: number, max: number, doc: string) => z.number().int().min(min).max(max).default(fallback).describe(doc);

export const SiteKnobs = z.object({
  targetPrecision: z
    .number()
    .min(0.5)
    .max(0.995)
    .default(0.9)
    .describe(
      'the share of outright answers that should be right: at each KB load the bot measures itself on the KB (held-out questions and articles) and answers from the confidence where its measured precision reaches this; higher answers less and suggests more',
    ),
  maxSuggestions: count(3, 1, 10, 'most suggestions shown (2 or 3 make sense as buttons)'),
  unhelpfulRoundsToEscalate: count(2, 1, 100, 'consecutive unhelpful rounds, counting the current one, that start a handover'),
  alwaysHuman: unit(0.35, 'confidence at or above which an `always-human` best match hands over (with the article for the agent)'),
  maxMessageChars: count(1000, 10, 100_000, 'longer messages are cut to this many characters before matching'),
  encoder: z
    .enum(ENCODERS)
    .default('static')
    .describe(
      "a sentence encoder for KBs with example questions (5 or more per article on average; others are read by words alone): `static` (default) reads messages by meaning through a table distilled from `use-lite` (well under 1 ms; each KB measures itself with it, and on CLINC150 and its few-shot KBs it answered more at about the same precision); `use-lite` the full encoder (about 12 ms more per message, on its own thread); `none` words only",
    ),
});

const num = z.number().min(-1000).max(1000);

/**
 * confidence = sigmoid(bias + score·s₁ + margin·(s₁ − s₂) + evidence·e [+ agreement]) · min(1, s₁ / minScore)²,
 * with s₁ and s₂ the best two article scores and e the best article's evidence share (`Support.evidence`).
 * The fade below `minScore` keeps a weak match that merely has no competitor (small KBs) from looking certain.
 * Each KB refits all but `minScore` on its own content (`calibration/`); these defaults are the prior.
 */
function calibrationSchema(d: { bias: number; score: number; margin: number; evidence: number; agreement: number }, doc: string) {
  return z
    .object({
      bias: num.default(d.bias).describe('constant term'),
      score: num.default(d.score).describe('weight of the best score s₁'),
      margin: num.default(d.margin).describe('weight of the margin s₁ − s₂ to the runner-up'),
      evidence: num
        .default(d.evidence)
        .describe("weight of the evidence share: a trained model can be sure of an article on a few telling words while the rest of the message is about something else"),
      agreement: num.default(d.agreement).describe('added when the intent model on its own puts the same article first as the blend of all signals (two views agree)'),
      minScore: z.number().min(0).max(1).default(0.2).describe('below this best score the confidence fades to 0'),
    })
    .prefault({})
    .describe(doc);
}

/**
 * A message with words the KB does not know (not even as a likely misspelling) that shares only one
 * word or word pair with the best article is probably about something else ("what is the meaning of
 * life" → "What your order status means"): its confidence is multiplied by min(1, evidence / minEvidence).
 */
const SupportSchema = z
  .object({
    thinMatch: count(2, 0, 100, 'a match with a word unknown to the KB that shares fewer words + word pairs than this with the best article is thin (0: off)'),
    thinMatchFixed: count(
      3,
      0,
      100,
      "the same for a KB that did not measure itself (too few example questions, or none): it has no measured point to keep a thin match under, so one more word or pair is asked for",
    ),
    minEvidence: z.number().positive().max(1).default(0.4).describe('evidence share (IDF-weighted, words + pairs) at which a thin match keeps its confidence'),
    foreignSimilarity: z
      .number()
      .min(-1)
      .max(1)
      .default(0.4)
      .describe(
        "meaning check at the fixed point: a message word the best article does not have, with no word of the article at least this near in meaning (cosine of the distilled encoder's word vectors), is foreign: the match is not answered (1: every missing word is foreign)",
      ),
    foreignWeight: z
      .number()
      .min(0)
      .max(10)
      .default(0.5)
      .describe("words whose SIF-weighted vector length in the distilled encoder is below this are too common to be foreign (want, need, asap)"),
  })
  .prefault({});

export const ModelInternals = z.object({
  answer: unit(0.57, "fixed answer threshold: used until the KB's self-measurement is done and for KBs too small to measure themselves"),
  suggest: unit(0.1, 'confidence at or above which the bot shows suggestions on the fixed calibration; below it offers a person (on a refitted one: the ceiling of the threshold chosen from the self-measurement)'),
  suggestRatio: unit(0.6, "a further suggestion must score at least this fraction of the best article's score"),
  calibration: calibrationSchema({ bias: -1.94, score: 2.15, margin: 8.8, evidence: 0, agreement: 0 }, 'confidence from the similarity signals (no intent model), fitted on CLINC150 val'),
  calibrationTrained: calibrationSchema(
    { bias: -4.38, score: 2.47, margin: 3.27, evidence: 3.52, agreement: 1.93 },
    'the same for a KB whose articles have enough example questions to train the intent model: its scores are distributed differently',
  ),
  calibrationEncoded: calibrationSchema(
    { bias: -3.91, score: 2.61, margin: 4.83, evidence: 3.12, agreement: 1.2 },
    "the same when the intent model also reads a sentence encoder's vectors",
  ),
  support: SupportSchema,
  ranker: RankerConfigSchema.prefault({}),
});

/** A thresholds/config file or `BotOptions.thresholds`: any subset of the site knobs and (for experiments) the internals. */
export const BotThresholdsInput = z.object({ ...SiteKnobs.shape, ...ModelInternals.shape }).strict();
export type BotThresholdsInput = z.input<typeof BotThresholdsInput>;
export type BotThresholds = z.output<typeof BotThresholdsInput>;
export type Calibration = BotThresholds['calibration'];
export type SupportThresholds = BotThresholds['support'];

export const DEFAULT_THRESHOLDS: BotThresholds = BotThresholdsInput.parse({});

/** Validates a partial configuration and fills in defaults. Throws `BotError` when invalid. */
export function resolveThresholds(input: unknown): BotThresholds {
  const r = BotThresholdsInput.safeParse(input ?? {});
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new BotError(BotErrorCode.invalidConfig, `invalid bot thresholds: ${msg}`);
  }
  const t = r.data;
  if (t.suggest > t.answer) throw new BotError(BotErrorCode.invalidConfig, 'invalid bot thresholds: suggest must not exceed answer');
  if (t.ranker.nearest + t.ranker.centroid + t.ranker.search + t.ranker.bayes + t.ranker.linear <= 0) {
    throw new BotError(BotErrorCode.invalidConfig, 'invalid bot thresholds: ranker weights must not all be zero');
  }
  return t;
}
