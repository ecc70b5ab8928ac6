import type { Facts } from './facts';

/** Net Promoter Score of answers: % promoters (9–10) − % detractors (0–6), from −100 to 100. */
export interface NpsCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Null with no answer. */
  score: number | null;
}

/** The cohort's NPS, and apart the answers after a bot resolution and after an agent's. */
export interface NpsSummary extends NpsCounts {
  bot: NpsCounts;
  agent: NpsCounts;
}

export function npsOf(facts: readonly Facts[]): NpsSummary {
  return { ...countsOf(facts), bot: countsOf(facts.filter((f) => f.nps?.after === 'bot')), agent: countsOf(facts.filter((f) => f.nps?.after === 'agent')) };
}

function countsOf(facts: readonly Facts[]): NpsCounts {
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
