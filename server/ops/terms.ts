import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { words } from '../bot/text';

const STOPWORDS = new Set(eng);

/** The content words of a question, stemmed, without stop words: what "same question" compares. */
export function terms(text: string): string[] {
  return [...new Set(words(text).filter((w) => w.length > 1 && !STOPWORDS.has(w)).map((w) => stemmer(w)))];
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}
