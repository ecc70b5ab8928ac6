import { z } from 'zod';
import { ArticleId, parseArticleInput } from './article';
import type { Article } from './article';

/** Most articles one sync request may upsert or delete (a bigger help centre syncs in pages). */
export const MAX_SYNC_ARTICLES = 1000;

const SyncInput = z
  .object({
    upsert: z.array(z.unknown()).max(MAX_SYNC_ARTICLES).default([]),
    remove: z.array(ArticleId).max(MAX_SYNC_ARTICLES).default([]),
  })
  .strict();

export type SyncPlan = { ok: true; upsert: Article[]; remove: string[] } | { ok: false; error: string };

/**
 * Validates a whole batch before anything is written: every article as `upsert` would, no id twice,
 * no id both written and deleted. The first problem is reported with where it is.
 */
export function planSync(input: unknown): SyncPlan {
  const r = SyncInput.safeParse(input ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
  }
  if (r.data.upsert.length === 0 && r.data.remove.length === 0) return { ok: false, error: 'body: nothing to upsert or remove' };
  const upsert: Article[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of r.data.upsert.entries()) {
    const parsed = parseArticleInput(raw);
    if (!parsed.ok) return { ok: false, error: `upsert.${i}: ${parsed.error}` };
    if (seen.has(parsed.article.id)) return { ok: false, error: `upsert.${i}: article "${parsed.article.id}" is in the batch twice` };
    seen.add(parsed.article.id);
    upsert.push(parsed.article);
  }
  const clash = r.data.remove.find((id) => seen.has(id));
  if (clash) return { ok: false, error: `remove: article "${clash}" is also in upsert` };
  return { ok: true, upsert, remove: [...new Set(r.data.remove)] };
}
