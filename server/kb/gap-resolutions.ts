import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GAP_SIMILARITY, type GapQuestion } from '../ops/gaps';
import { terms } from '../ops/terms';
import type { GapRecorder } from '../bot/kb-routes';
import type { Sql } from '../store/db';
import { json, ms, type Row } from '../store/rows';

/** Most questions one resolution records: a gap group's draft carries at most 20, an admin may add more. */
export const MAX_GAP_QUESTIONS = 200;

/** A gap group an admin answered: its id (as `/api/ops/gaps` lists it) and the questions it showed. */
export const GapAnswer = z.object({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/i, 'gap id must be 1–64 letters, digits or "-"'),
  questions: z.array(z.string().trim().min(1).max(500)).min(1).max(MAX_GAP_QUESTIONS),
});
export type GapAnswer = z.infer<typeof GapAnswer>;

export interface GapResolution {
  gapId: string;
  articleId: string;
  questions: string[];
  /** Epoch ms: questions asked up to then are answered; the same question failing later opens a new gap. */
  at: number;
}

/** Resolved gap groups, persisted so the gap list stays short across restarts and nodes. */
export class GapResolutions {
  constructor(private readonly sql: Sql) {}

  async record(gap: GapAnswer, articleId: string, by: string | null): Promise<void> {
    await this.sql.query('INSERT INTO kb_gap_resolutions (id, gap_id, article_id, questions, resolved_by) VALUES ($1, $2, $3, $4::jsonb, $5)', [
      randomUUID(),
      gap.id,
      articleId,
      JSON.stringify(gap.questions),
      by,
    ]);
  }

  /** Resolutions made at or after `from`: older ones cannot cover questions asked in a range starting then. */
  async since(from: Date): Promise<GapResolution[]> {
    const rows = await this.sql.query<Row>('SELECT gap_id, article_id, questions, resolved_at FROM kb_gap_resolutions WHERE resolved_at >= $1 ORDER BY resolved_at', [from]);
    return rows.map((r) => ({ gapId: String(r.gap_id), articleId: String(r.article_id), questions: json<string[]>(r.questions, []), at: ms(r.resolved_at) }));
  }
}

const key = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** A resolution's questions as one bag of terms, compared the way gap grouping compares questions. */
interface Covered { at: number; keys: Set<string>; counts: Map<string, number>; norm: number }

function covered(r: GapResolution): Covered {
  const counts = new Map<string, number>();
  for (const q of r.questions) for (const t of terms(q)) counts.set(t, (counts.get(t) ?? 0) + 1);
  let norm2 = 0;
  for (const c of counts.values()) norm2 += c * c;
  return { at: r.at, keys: new Set(r.questions.map(key)), counts, norm: Math.sqrt(norm2) };
}

function similarity(t: readonly string[], c: Covered): number {
  if (t.length === 0 || c.norm === 0) return 0;
  let dot = 0;
  for (const term of t) dot += c.counts.get(term) ?? 0;
  return dot / (Math.sqrt(t.length) * c.norm);
}

/**
 * The unanswered questions that no resolution covers. A question is covered when it was asked before
 * the resolution and is one of its questions or would have joined its group (same similarity rule as
 * the grouping), so the whole group goes, not only the examples the admin saw. A different question,
 * or the same one failing again after the fix, still opens a gap.
 */
export function dropResolved(questions: readonly GapQuestion[], resolutions: readonly GapResolution[]): GapQuestion[] {
  if (resolutions.length === 0) return [...questions];
  const all = resolutions.map(covered);
  return questions.filter((q) => {
    const t = terms(q.query);
    return !all.some((c) => q.at <= c.at && (c.keys.has(key(q.query)) || similarity(t, c) >= GAP_SIMILARITY));
  });
}

/** What the KB routes record answered gaps with. */
export function gapRecorder(store: { db: Sql }): GapRecorder {
  const resolutions = new GapResolutions(store.db);
  return { schema: GapAnswer, record: (gap, articleId, by) => resolutions.record(gap, articleId, by) };
}
