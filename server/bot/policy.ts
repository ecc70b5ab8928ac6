import type { BotThresholds, Calibration } from './config';
import type { OperatingPoint } from './calibration/operating-point';
import { asksForHuman, smalltalk, stripGreeting } from './smalltalk';
import type { Ranked } from './ranker';
import type { ArticleView, BotDecision, BotTurnContext, Candidate, EscalationReason } from './types';
import type { Support } from './vocabulary';

/** What the policy needs from the indexed KB. */
export interface RankedKb {
  /** `meaning`: the sentence encoder's vector of `text`, when `readsMeaning`. */
  rank(text: string, limit: number, locale: string | undefined, meaning?: Float32Array | null): Ranked[];
  view(index: number): ArticleView;
  alwaysHuman(index: number): boolean;
  /** What the article at `index` has in common with the text. */
  support(text: string, index: number): Support;
  /** Whether the ranker's intent model is trained (selects `calibrationTrained`). */
  readonly trained: boolean;
  /** Whether that model reads a sentence encoder's vector of the message (selects `calibrationEncoded`). */
  readonly readsMeaning: boolean;
  /** The first of the message's `missing` words that the article at `index` is not about in meaning, if the KB can tell (`foreign.ts`). */
  foreign?(missing: readonly string[], index: number): string | null;
}

/** The point of a KB that did not measure itself: the fixed calibration and threshold, with the stricter checks. */
export function fixedPoint(kb: Pick<RankedKb, 'trained' | 'readsMeaning'>, t: BotThresholds): OperatingPoint {
  return { calibration: calibrationFor(kb, t), answer: t.answer, suggest: t.suggest, thinMatch: t.support.thinMatchFixed, meaningCheck: true };
}

/**
 * Factor on the confidence of a match whose message names something the article is not about:
 * halved, it is below the fixed answer threshold (0.57) from any confidence, so it is not answered,
 * and it stays a suggestion (never below `suggest` if it was above).
 */
const FOREIGN_FACTOR = 0.5;

/** The calibration for how the KB ranks: similarity only, with the intent model, or with it and a sentence encoder. */
export function calibrationFor(kb: Pick<RankedKb, 'trained' | 'readsMeaning'>, t: BotThresholds): Calibration {
  if (!kb.trained) return t.calibration;
  return kb.readsMeaning ? t.calibrationEncoded : t.calibrationTrained;
}

const CANDIDATES = 5;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * Calibrated confidence that the best-ranked article answers the message; `evidence` is the best
 * article's `Support.evidence` (used when the calibration weighs it).
 */
export function confidenceOf(ranked: readonly Ranked[], c: Calibration, evidence = 0): number {
  const s1 = ranked[0]?.score ?? 0;
  if (s1 <= 0) return 0;
  const s2 = ranked[1]?.score ?? 0;
  const fade = c.minScore > 0 ? Math.min(1, s1 / c.minScore) ** 2 : 1;
  const agreement = ranked[0]?.agrees ? c.agreement : 0;
  return round(sigmoid(c.bias + c.score * s1 + c.margin * (s1 - s2) + c.evidence * evidence + agreement) * fade);
}

/**
 * Factor on the confidence for a thin match: words the KB does not know and fewer than
 * `thinMatch` words or word pairs in common with the best article (see `SupportThresholds`).
 */
export function supportFactor(s: Support, t: BotThresholds, thinMatch = t.support.thinMatch): number {
  if (!s.unknown || s.shared >= thinMatch) return 1;
  return Math.min(1, s.evidence / t.support.minEvidence);
}

/**
 * The text the KB is searched with: the message, cut to `maxMessageChars`, without a leading
 * greeting. This is what a sentence encoder reads, for `decide`'s `meaning`.
 */
export function questionOf(text: string, t: BotThresholds): string {
  return stripGreeting(messageOf(text, t));
}

/** The message as the policy reads it: a string, cut to `maxMessageChars`. */
function messageOf(text: string, t: BotThresholds): string {
  return (typeof text === 'string' ? text : '').slice(0, t.maxMessageChars);
}

/**
 * The decision for one visitor message. Pure apart from the KB lookup; never throws on any string.
 * `meaning` is the sentence encoder's vector of `questionOf(text)`, for a KB that reads one; `op` is
 * the KB's self-measured calibration and answer threshold (default: the fixed ones in `t`).
 */
export function decide(
  text: string,
  ctx: BotTurnContext,
  kb: RankedKb,
  t: BotThresholds,
  meaning: Float32Array | null = null,
  op: OperatingPoint | null = null,
): BotDecision {
  const message = messageOf(text, t);
  const rounds = Number.isFinite(ctx?.unhelpfulRounds) ? Math.max(0, ctx.unhelpfulRounds) : 0;
  const locale = typeof ctx?.locale === 'string' ? ctx.locale : undefined;

  if (asksForHuman(message)) {
    const ranked = kb.rank(questionOf(text, t), CANDIDATES, locale, meaning);
    return escalate('asked_for_human', 'start', null, 1, ranked, kb);
  }
  const small = smalltalk(message);
  if (small) return { kind: 'smalltalk', reply: small, confidence: 1 };

  // The same text the caller encoded for `meaning`.
  const question = questionOf(text, t);
  const ranked = kb.rank(question, CANDIDATES, locale, meaning);
  const best = ranked[0];
  const point = op ?? fixedPoint(kb, t);
  const judged = judge(question, ranked, kb, point, t);
  // Live feedback may have lowered the bot's trust in this article for questions like this one.
  const confidence = best ? trusted(judged, ctx, kb.view(best.index).id, question, t) : judged;
  const failing = rounds + 1 >= t.unhelpfulRoundsToEscalate;

  if (!best || confidence < point.suggest) {
    return failing
      ? escalate('repeated_failure', 'start', null, confidence, ranked, kb)
      : escalate('low_confidence', 'offer', null, confidence, ranked, kb);
  }
  // A sensitive topic (refunds, legal) goes to a person even when the bot is sure, with the article for the agent.
  if (kb.alwaysHuman(best.index) && confidence >= t.alwaysHuman) {
    return escalate('always_human_topic', 'start', kb.view(best.index), confidence, ranked, kb);
  }
  if (confidence >= point.answer) {
    return { kind: 'answer', article: kb.view(best.index), confidence, candidates: candidatesOf(ranked, kb) };
  }
  if (failing) return escalate('repeated_failure', 'start', kb.view(best.index), confidence, ranked, kb);

  const shown = suggestionsOf(ranked, kb, t);
  return { kind: 'suggest', suggestions: shown.map((r) => kb.view(r.index)), confidence, candidates: candidatesOf(ranked, kb) };
}

/** Calibrated confidence that the best-ranked article answers the question, including the thin-match check. */
export function judge(question: string, ranked: readonly Ranked[], kb: RankedKb, p: Omit<OperatingPoint, 'answer'>, t: BotThresholds): number {
  const best = ranked[0];
  const foreignOf = best && kb.foreign ? (s: Support) => kb.foreign?.(s.missing, best.index) ?? null : undefined;
  return judgeWith(ranked, p, t, () => (best ? kb.support(question, best.index) : null), foreignOf);
}

/** `judge` with the best article's support from `supportOf`, asked for only when needed (it costs a lookup per word). */
export function judgeWith(
  ranked: readonly Ranked[],
  { calibration: c, suggest, thinMatch: pointThin, meaningCheck }: Omit<OperatingPoint, 'answer'>,
  t: BotThresholds,
  supportOf: () => Support | null,
  /** The meaning check (`RankedKb.foreign` on the best article); applied when the point asks for it. */
  foreignOf?: (s: Support) => string | null,
): number {
  const thinMatch = pointThin ?? t.support.thinMatch;
  let support: Support | null | undefined;
  const get = (): Support | null => (support === undefined ? (support = supportOf()) : support);
  const scored = confidenceOf(ranked, c, c.evidence !== 0 ? get()?.evidence : 0);
  // A thin match is not answered, but it stays a suggestion when its scores alone would make it one.
  const check = ranked[0] !== undefined && scored > suggest && (thinMatch > 0 || (meaningCheck === true && foreignOf !== undefined));
  const s = check ? get() : null;
  const thin = s ? supportFactor(s, t, thinMatch) : 1;
  // A match already down to a suggestion is not checked again (the check costs a few hundred dot products).
  const f = meaningCheck && foreignOf && s && scored * thin > suggest ? foreignOf(s) : null;
  const factor = thin * (f ? FOREIGN_FACTOR : 1);
  return factor < 1 ? round(Math.max(scored * factor, suggest)) : scored;
}

/** The articles offered as buttons when the bot is not sure enough to answer. */
export function suggestionsOf(ranked: readonly Ranked[], kb: Pick<RankedKb, 'alwaysHuman'>, t: BotThresholds): Ranked[] {
  const best = ranked[0];
  if (!best) return [];
  const floor = best.score * t.suggestRatio;
  // Other sensitive topics are not offered as buttons on a hunch; the best match is shown either way.
  const picks = ranked.filter((r, i) => i === 0 || (r.score >= floor && !kb.alwaysHuman(r.index)));
  return (picks.length >= 2 ? picks : ranked.filter((r, i) => i === 0 || !kb.alwaysHuman(r.index)).slice(0, 2)).slice(0, t.maxSuggestions);
}

/**
 * The confidence times the caller's trust in the article for this question (live feedback, see
 * `TrustBook`). A distrusted article is answered less often but still suggested: it does not fall
 * below `suggest` if it was above.
 */
function trusted(confidence: number, ctx: BotTurnContext, articleId: string, question: string, t: BotThresholds): number {
  if (typeof ctx?.trust !== 'function' || confidence <= 0) return confidence;
  const factor = ctx.trust(articleId, question);
  if (!(factor < 1) || !(factor > 0)) return confidence;
  return round(Math.max(confidence * factor, Math.min(confidence, t.suggest)));
}

function candidatesOf(ranked: readonly Ranked[], kb: RankedKb): Candidate[] {
  return ranked.map((r) => ({ id: kb.view(r.index).id, score: round(r.score) }));
}

function escalate(
  reason: EscalationReason,
  mode: 'start' | 'offer',
  article: ArticleView | null,
  confidence: number,
  ranked: readonly Ranked[],
  kb: RankedKb,
): BotDecision {
  return { kind: 'escalate', reason, mode, article, confidence, candidates: candidatesOf(ranked, kb) };
}

/**
 * Whether a decision counts towards the caller's run of unhelpful rounds: suggestions (the bot was
 * not sure) and low-confidence offers. Answers and small talk do not; a handover ends the run.
 */
export function isUnhelpful(d: BotDecision): boolean {
  return d.kind === 'suggest' || (d.kind === 'escalate' && d.reason === 'low_confidence');
}
