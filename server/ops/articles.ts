import type { Facts } from './facts';
import { ratio } from './stats';

export interface ArticleRow {
  articleId: string;
  /** Current title in the KB; null when the article has since been removed. */
  title: string | null;
  /** Times the visitor saw it: as an answer plus as a suggestion button. */
  shown: number;
  answered: number;
  suggested: number;
  /** Times a visitor picked it from suggestions (the bot then answered with it). */
  picked: number;
  helped: number;
  notHelped: number;
  /** helped / (helped + notHelped). */
  helpRate: number | null;
  /** Conversations in which an escalation followed an answer with this article. */
  escalationsAfter: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Article effectiveness over the cohort's bot events. */
export function articleTable(facts: readonly Facts[], titleOf: (id: string) => string | null): ArticleRow[] {
  const rows = new Map<string, ArticleRow>();
  const row = (id: string): ArticleRow => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { articleId: id, title: titleOf(id), shown: 0, answered: 0, suggested: 0, picked: 0, helped: 0, notHelped: 0, helpRate: null, escalationsAfter: 0 }));
    return r;
  };
  for (const f of facts) {
    const answeredHere = new Set<string>();
    const escalatedAfter = new Set<string>();
    for (const e of f.history.events) {
      if (e.type === 'bot.decision' && e.data.decision === 'answer' && str(e.data.articleId)) {
        row(e.data.articleId!).answered += 1;
        answeredHere.add(e.data.articleId!);
      } else if (e.type === 'bot.decision' && e.data.decision === 'suggest') {
        for (const s of e.data.suggestions) if (str(s)) row(s).suggested += 1;
      } else if (e.type === 'bot.choice' && str(e.data.articleId)) {
        const r = row(e.data.articleId);
        r.picked += 1;
        r.answered += 1;
        answeredHere.add(e.data.articleId);
      } else if (e.type === 'bot.feedback' && str(e.data.articleId)) {
        if (e.data.helpful) row(e.data.articleId).helped += 1;
        else row(e.data.articleId).notHelped += 1;
      } else if (e.type === 'conversation.escalated') {
        for (const id of answeredHere) escalatedAfter.add(id);
      }
    }
    for (const id of escalatedAfter) row(id).escalationsAfter += 1;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, shown: r.answered + r.suggested, helpRate: ratio(r.helped, r.helped + r.notHelped) }))
    .sort((a, b) => b.shown - a.shown || a.articleId.localeCompare(b.articleId));
}
