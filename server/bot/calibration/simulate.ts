import type { BotThresholds } from '../config';
import type { Meanings } from '../intent-model';
import { KbSnapshot } from '../kb';
import { questionOf, suggestionsOf } from '../policy';
import type { Ranked } from '../ranker';
import { runNow } from '../sliced';
import type { SynonymsFile } from '../synonyms';
import type { Support } from '../vocabulary';
import type { Fold } from './held-out';

/** One held-out question as its fold's KB ranked it, with what the policy reads from it. */
export interface Sample {
  ranked: Ranked[];
  support: Support | null;
  right: boolean;
  outOfScope: boolean;
  suggested: boolean;
  expected: string | null;
  top: string | null;
}

/** Asks every fold's KB its held-out questions, ranking the way the whole KB does (`foldT`). */
export function askFolds(folds: readonly Fold[], synonyms: SynonymsFile | null, t: BotThresholds, foldT: BotThresholds, meanings: Meanings | null): Sample[] {
  const samples: Sample[] = [];
  for (const fold of folds) {
    const kb = runNow(KbSnapshot.build(fold.articles, synonyms, foldT, meanings));
    for (const q of fold.questions) {
      const question = questionOf(q.text, t);
      const ranked = kb.rank(question, 5, undefined, meanings?.of(q.text) ?? null);
      const best = ranked[0];
      const top = best ? kb.view(best.index).id : null;
      samples.push({
        ranked,
        support: best ? kb.support(question, best.index) : null,
        right: q.expected !== null && top === q.expected,
        outOfScope: q.expected === null,
        suggested: q.expected !== null && suggestionsOf(ranked, kb, t).some((r) => kb.view(r.index).id === q.expected),
        expected: q.expected,
        top,
      });
    }
  }
  return samples;
}
