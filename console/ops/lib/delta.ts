import type { Headline } from '../api';

export type Direction = 'up' | 'down' | 'flat';

/** How a headline moved against the previous period, as the card shows it. */
export type Delta =
  | { kind: 'none' }
  | { kind: 'new'; direction: 'up'; verdict: Verdict }
  | { kind: 'percent' | 'points'; direction: Direction; verdict: Verdict; amount: number };

export type Verdict = 'better' | 'worse' | 'same';

/** One decimal below 10, whole numbers above: "3.4%", "27%". */
function rounded(x: number): number {
  const a = Math.abs(x);
  return a < 10 ? Math.round(a * 10) / 10 : Math.round(a);
}

/**
 * Rates change in percentage points (deflection 40% → 50% is "+10 pts", not "+25%"); everything
 * else changes in percent of the previous value. NPS is already a difference of percentages, so it
 * moves in points too (+20 → +35 is "+15 pts"). A change that rounds to zero is "no change".
 */
export function deltaOf(h: Pick<Headline, 'unit' | 'better' | 'current' | 'previous'>): Delta {
  const { current: c, previous: p } = h;
  if (c === null || p === null) return { kind: 'none' };
  const judge = (d: Direction): Verdict => (d === 'flat' ? 'same' : d === h.better ? 'better' : 'worse');
  const points = h.unit === 'ratio' || h.unit === 'nps';
  if (!points && p === 0) {
    if (c === 0) return { kind: 'percent', direction: 'flat', verdict: 'same', amount: 0 };
    return { kind: 'new', direction: 'up', verdict: judge('up') };
  }
  const raw = h.unit === 'ratio' ? (c - p) * 100 : h.unit === 'nps' ? c - p : ((c - p) / Math.abs(p)) * 100;
  const amount = rounded(raw);
  const direction: Direction = amount === 0 ? 'flat' : raw > 0 ? 'up' : 'down';
  return { kind: points ? 'points' : 'percent', direction, verdict: judge(direction), amount };
}
