import type { Facts } from './facts';

/** Net Promoter Score of the cohort's answers: % promoters (9–10) − % detractors (0–6), from −100 to 100. */
export interface NpsSummary {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Null with no answer. */
  score: number | null;
}

export function npsOf(facts: readonly Facts[]): NpsSummary {
  const scores = facts.flatMap((f) => (f.nps ? [f.nps.score] : []));
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return {
    responses: scores.length,
    promoters,
    passives: scores.length - promoters - detractors,
    detractors,
    score: scores.length === 0 ? null : Math.round(((promoters - detractors) / scores.length) * 1000) / 10,
  };
}
