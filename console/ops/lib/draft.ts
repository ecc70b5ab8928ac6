import type { GapDraft } from '../api';
import { kbList } from '../../lib/kb-lists';

/** The editor's fields: questions one per line and tags comma-separated, as an admin types them. */
export interface DraftFields {
  id: string;
  title: string;
  questions: string;
  tags: string;
  body: string;
}

/** The body of `PUT /api/kb/articles/:id` (see server/bot/article.ts `ArticleInput`). */
export interface ArticleBody {
  id: string;
  title: string;
  questions: string[];
  tags: string[];
  body: string;
}

export type DraftProblem = 'id' | 'title' | 'questionLength' | 'tagLength' | 'placeholder';

/** The field each problem is shown beside. */
export const PROBLEM_FIELD: Record<DraftProblem, keyof DraftFields> = { id: 'id', title: 'title', questionLength: 'questions', tagLength: 'tags', placeholder: 'body' };

// The same limits the server applies; checking first keeps a typo from costing a round trip.
const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/i;
const MAX_TITLE = 200;
const MAX_QUESTION = 500;
const MAX_TAG = 60;
// The server refuses these too (server/bot/placeholder.ts): a draft's placeholder is never published.
const MARKER = /^\s*(?:[-*>#]\s*)*(?:TODO|TBD|FIXME)\s*(?::|$)/m;
const DRAFT_TEXT = /todo: write the answer/i;

export function fieldsOf(draft: GapDraft): DraftFields {
  return { id: draft.id, title: draft.title, questions: draft.questions.join('\n'), tags: draft.tags.join(', '), body: draft.body };
}

export function articleBody(f: DraftFields): ArticleBody {
  return {
    id: f.id.trim(),
    title: f.title.trim(),
    questions: kbList(f.questions.split(/\r?\n/)),
    tags: kbList(f.tags.split(',')),
    body: f.body.trim(),
  };
}

/** The first thing the server would refuse, or null. */
export function draftProblem(b: ArticleBody): DraftProblem | null {
  if (!ID.test(b.id)) return 'id';
  if (!b.title || b.title.length > MAX_TITLE) return 'title';
  if (b.questions.some((q) => q.length > MAX_QUESTION)) return 'questionLength';
  if (b.tags.some((t) => t.length > MAX_TAG)) return 'tagLength';
  if (MARKER.test(b.body) || DRAFT_TEXT.test(b.body)) return 'placeholder';
  return null;
}
