import { createHash } from 'node:crypto';
import { ArticleId, serialiseArticle } from '../bot/article';
import { DRAFT_PLACEHOLDER } from '../bot/placeholder';
import { words } from '../bot/text';
import type { Facts } from './facts';
import { terms } from './terms';

/** Why a visitor question counts as unanswered. */
export type GapReason = 'no_match' | 'suggestions_ignored' | 'not_helpful';

export interface GapQuestion { query: string; conversationId: string; at: number; reason: GapReason; nearest: string | null }

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 ? v : null);

/**
 * The questions the bot could not answer: no article matched (low confidence or repeated
 * failure), the visitor ignored its suggestions, or its answer was marked "not helpful".
 */
export function unansweredQuestions(facts: readonly Facts[]): GapQuestion[] {
  const out: GapQuestion[] = [];
  for (const f of facts) {
    const events = f.history.events;
    events.forEach((e, i) => {
      if (e.type !== 'bot.decision') return;
      const decision = e.data;
      const query = str(decision.query);
      if (!query) return;
      const nearest = str(decision.candidates[0]?.id);
      const base = { query: query.trim(), conversationId: f.history.id, at: e.at, nearest };
      const rest = events.slice(i + 1);
      const upTo = (stop: (x: (typeof rest)[number]) => boolean) => {
        const n = rest.findIndex(stop);
        return n < 0 ? rest : rest.slice(0, n);
      };
      const reason = str(decision.reason) ?? e.reason;
      if (decision.decision === 'escalate' && (reason === 'low_confidence' || reason === 'repeated_failure')) {
        out.push({ ...base, reason: 'no_match' });
      } else if (decision.decision === 'suggest' && !upTo((x) => x.type === 'bot.decision').some((x) => x.type === 'bot.choice')) {
        out.push({ ...base, reason: 'suggestions_ignored' });
      } else if (
        decision.decision === 'answer' &&
        upTo((x) => x.type === 'bot.decision' && x.data.articleId === decision.articleId).some((x) => x.type === 'bot.feedback' && !x.data.helpful && x.data.articleId === decision.articleId)
      ) {
        out.push({ ...base, reason: 'not_helpful' });
      }
    });
  }
  return out;
}

export interface GapDraft {
  id: string;
  title: string;
  questions: string[];
  tags: string[];
  body: string;
  /** The same draft as a KB Markdown file, front matter included. */
  markdown: string;
}

export interface GapCluster {
  id: string;
  count: number;
  conversations: number;
  reasons: Record<GapReason, number>;
  /** Up to five distinct questions, the most frequent first. */
  examples: string[];
  /** Existing articles the bot ranked first for these questions: often better extended than duplicated. */
  nearestArticles: Array<{ articleId: string; title: string | null; count: number }>;
  firstAt: string;
  lastAt: string;
  /** Ready to edit and save with `PUT /api/kb/articles/:id` (send everything but `markdown`). */
  draft: GapDraft;
}

/** Questions whose content words overlap at least this much (cosine against the group) form one gap. */
export const GAP_SIMILARITY = 0.5;

interface Group { members: Array<{ q: GapQuestion; t: string[] }>; counts: Map<string, number>; norm2: number }

function cosine(t: readonly string[], g: Group): number {
  let dot = 0;
  for (const term of t) dot += g.counts.get(term) ?? 0;
  return t.length === 0 || g.norm2 === 0 ? 0 : dot / (Math.sqrt(t.length) * Math.sqrt(g.norm2));
}

function add(g: Group, q: GapQuestion, t: string[]): void {
  g.members.push({ q, t });
  for (const term of t) {
    const c = g.counts.get(term) ?? 0;
    g.norm2 += 2 * c + 1;
    g.counts.set(term, c + 1);
  }
}

function titleOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').replace(/[\s.!?,;:]+$/u, '').slice(0, 120).trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function slug(title: string, taken: (id: string) => boolean): string {
  const base = words(title).filter((w) => /^[a-z0-9]+$/.test(w)).join('-').slice(0, 60).replace(/-+$/, '') || 'new-article';
  let id = base;
  for (let n = 2; taken(id) || !ArticleId.safeParse(id).success; n += 1) id = `${base}-${n}`;
  return id;
}

/** Groups similar unanswered questions and drafts an article for each group, biggest first. */
export function gapClusters(questions: readonly GapQuestion[], kb: { titleOf(id: string): string | null; exists(id: string): boolean }, limit: number): { clusters: GapCluster[]; questions: number; ungrouped: number } {
  const groups: Group[] = [];
  let ungrouped = 0;
  for (const q of [...questions].sort((a, b) => a.at - b.at)) {
    const t = terms(q.query);
    if (t.length === 0) {
      ungrouped += 1;
      continue;
    }
    let best: Group | null = null;
    let bestScore = GAP_SIMILARITY;
    for (const g of groups) {
      const s = cosine(t, g);
      if (s >= bestScore) [best, bestScore] = [g, s];
    }
    if (!best) groups.push((best = { members: [], counts: new Map(), norm2: 0 }));
    add(best, q, t);
  }
  const drafted = new Set<string>();
  const clusters = groups
    .sort((a, b) => b.members.length - a.members.length || a.members[0]!.q.at - b.members[0]!.q.at)
    .slice(0, limit)
    .map((g): GapCluster => {
      const distinct = new Map<string, { text: string; n: number; score: number }>();
      for (const m of g.members) {
        const key = m.q.query.toLowerCase().replace(/\s+/g, ' ');
        const d = distinct.get(key) ?? { text: m.q.query, n: 0, score: cosine(m.t, g) };
        d.n += 1;
        distinct.set(key, d);
      }
      const ranked = [...distinct.values()].sort((a, b) => b.n - a.n || b.score - a.score || a.text.length - b.text.length);
      const representative = [...distinct.values()].sort((a, b) => b.score - a.score || b.n - a.n || a.text.length - b.text.length)[0]!;
      const reasons: Record<GapReason, number> = { no_match: 0, suggestions_ignored: 0, not_helpful: 0 };
      const nearest = new Map<string, number>();
      for (const { q } of g.members) {
        reasons[q.reason] += 1;
        if (q.nearest) nearest.set(q.nearest, (nearest.get(q.nearest) ?? 0) + 1);
      }
      const times = g.members.map((m) => m.q.at);
      const title = titleOf(representative.text);
      const id = slug(title, (x) => kb.exists(x) || drafted.has(x));
      drafted.add(id);
      const examples = ranked.map((r) => r.text.slice(0, 500));
      const first = new Date(Math.min(...times)).toISOString().slice(0, 10);
      const last = new Date(Math.max(...times)).toISOString().slice(0, 10);
      const body = `${DRAFT_PLACEHOLDER} Visitors asked this ${g.members.length} time${g.members.length === 1 ? '' : 's'} between ${first} and ${last} and the bot had no good answer.`;
      const draft = { id, title, questions: examples.slice(0, 20), tags: [] as string[], body };
      return {
        id: `gap-${createHash('sha256').update(examples[0]!.toLowerCase()).digest('hex').slice(0, 10)}`,
        count: g.members.length,
        conversations: new Set(g.members.map((m) => m.q.conversationId)).size,
        reasons,
        examples: examples.slice(0, 5),
        nearestArticles: [...nearest].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([articleId, count]) => ({ articleId, title: kb.titleOf(articleId), count })),
        firstAt: new Date(Math.min(...times)).toISOString(),
        lastAt: new Date(Math.max(...times)).toISOString(),
        draft: { ...draft, markdown: serialiseArticle({ ...draft, url: null, locale: null }) },
      };
    });
  return { clusters, questions: questions.length, ungrouped };
}
