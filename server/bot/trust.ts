import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/** What told us an answer was wrong. */
export const TRUST_SOURCES = ['visitor_unhelpful', 'handover_after_answer', 'agent_marked_wrong'] as const;
export type TrustSource = (typeof TRUST_SOURCES)[number];

/** One "that answer was wrong" for one article, and the question it was given for. */
export interface TrustStrike {
  articleId: string;
  source: TrustSource;
  /** Who said so (a visitor or agent id): one person counts once per article, however often they say it. */
  actor: string;
  question: string;
  /** Epoch ms. */
  at: number;
}

export interface TrustOptions {
  /**
   * How much one person's strike lowers the trust in an article for the same question. An agent's
   * judgement weighs most; a visitor's "no" more than a handover after an answer, which is often
   * just someone who wanted a person anyway.
   */
  weights: Record<TrustSource, number>;
  /** The trust never falls below this: the article is answered less, never silenced (it is still suggested). */
  floor: number;
  /** Word overlap (cosine of stemmed content words) below which a strike is about another question and does not count. */
  minSimilarity: number;
}

export const DEFAULT_TRUST: TrustOptions = {
  weights: { agent_marked_wrong: 0.3, visitor_unhelpful: 0.15, handover_after_answer: 0.1 },
  floor: 0.5,
  minSimilarity: 0.3,
};

const STOP = new Set(eng);

/**
 * Strikes kept per article, the latest: a decision compares the message with each of the best
 * article's strikes, and the ops listing compares them pairwise, so both stay bounded however
 * often an article is struck (with the floor at 0.5, a handful of people already take it there).
 */
export const MAX_STRIKES_PER_ARTICLE = 200;

/** Stemmed content words with counts, unit length: "similar question" is word overlap here, the same for every KB. */
function termsOf(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u)) {
    if (!w || STOP.has(w)) continue;
    const s = w.length > 2 ? stemmer(w) : w;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  norm = Math.sqrt(norm);
  for (const [k, c] of counts) counts.set(k, c / norm);
  return counts;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, v] of small) s += v * (large.get(k) ?? 0);
  return s;
}

interface Kept extends TrustStrike {
  terms: Map<string, number>;
}

/** One article's lost trust, for the ops dashboard. */
export interface LostTrust {
  articleId: string;
  /** Strikes by source (each person once per article and source). */
  bySource: Record<TrustSource, number>;
  /** The lowest trust any one of its strike questions now gets (1 = untouched, `floor` at worst). */
  lowest: number;
  lastAt: number;
  /** The latest questions it was wrong for (up to 3). */
  questions: string[];
}

/**
 * The bot's trust in each article of one site, lowered by live signals that an answer was wrong
 * for a question. The trust of an article for a new question is
 * `max(floor, 1 − Σ over people of weight(source) × similarity)`, taking each person's strongest
 * strike on that article, counting only strikes whose question is similar. `decide` multiplies the
 * article's confidence by it (docs/BOT.md, *Learning from live traffic*).
 */
export class TrustBook {
  private readonly byArticle = new Map<string, Kept[]>();

  constructor(private readonly opts: TrustOptions = DEFAULT_TRUST) {}

  add(strike: TrustStrike): void {
    const list = this.byArticle.get(strike.articleId) ?? [];
    list.push({ ...strike, terms: termsOf(strike.question) });
    if (list.length > MAX_STRIKES_PER_ARTICLE) list.shift();
    this.byArticle.set(strike.articleId, list);
  }

  get size(): number {
    let n = 0;
    for (const l of this.byArticle.values()) n += l.length;
    return n;
  }

  /** The trust in `articleId` for `question`, in [floor, 1]. */
  factor(articleId: string, question: string): number {
    const strikes = this.byArticle.get(articleId);
    if (!strikes) return 1;
    return this.factorOf(strikes, termsOf(question));
  }

  private factorOf(strikes: readonly Kept[], terms: Map<string, number>): number {
    const strongest = new Map<string, number>();
    for (const s of strikes) {
      const sim = cosine(terms, s.terms);
      if (sim < this.opts.minSimilarity) continue;
      const hit = this.opts.weights[s.source] * sim;
      if (hit > (strongest.get(s.actor) ?? 0)) strongest.set(s.actor, hit);
    }
    let lost = 0;
    for (const v of strongest.values()) lost += v;
    return Math.max(this.opts.floor, 1 - lost);
  }

  /** Articles that lost trust, most lost first. */
  lost(): LostTrust[] {
    const out: LostTrust[] = [];
    for (const [articleId, strikes] of this.byArticle) {
      const bySource = Object.fromEntries(TRUST_SOURCES.map((s) => [s, new Set<string>()])) as Record<TrustSource, Set<string>>;
      for (const s of strikes) bySource[s.source].add(s.actor);
      const latest = [...strikes].sort((a, b) => b.at - a.at);
      out.push({
        articleId,
        bySource: Object.fromEntries(TRUST_SOURCES.map((s) => [s, bySource[s].size])) as Record<TrustSource, number>,
        lowest: Math.min(...strikes.map((s) => this.factorOf(strikes, s.terms))),
        lastAt: latest[0]?.at ?? 0,
        questions: [...new Set(latest.map((s) => s.question))].slice(0, 3),
      });
    }
    return out.sort((a, b) => a.lowest - b.lowest || b.lastAt - a.lastAt);
  }
}
