import * as stopword from 'stopword';
import { normalise, words } from '../bot/text';

/**
 * A small, dependency-free guess of the language a visitor wrote in, for one question: which
 * language's function words ("ist", "meine", "est", "dónde") it uses most. Function words are
 * what short chat questions have in common across topics, so they work where a topic vocabulary
 * cannot. Measured on the 556 English eval queries of demo/eval (no false "other language") and on
 * hand-written questions in seven languages: see language.test.ts and docs/METRICS.md.
 */
const LISTS: Record<string, readonly string[]> = {
  en: stopword.eng,
  es: stopword.spa,
  fr: stopword.fra,
  de: stopword.deu,
  it: stopword.ita,
  pt: stopword.por,
  nl: stopword.nld,
};

/** Normalised like the bot's words (no accents, lower case), so "está" and "esta" meet. */
const NORMALISED = new Map(Object.entries(LISTS).map(([lang, list]) => [lang, new Set(list.map((w) => normalise(w)))]));
/**
 * Only the words that tell a language apart count: the German list holds "i", "a" and "will", the
 * Italian one "i" and "in", so a plain English question would otherwise read as German.
 */
const SETS = new Map(
  [...NORMALISED].map(([lang, set]) => {
    const others = [...NORMALISED].filter(([l]) => l !== lang && (lang === 'en' || l === 'en')).map(([, s]) => s);
    return [lang, new Set([...set].filter((w) => !others.some((o) => o.has(w))))];
  }),
);

/** At least this many function words of one language, and more than of English, make a guess. */
export const MIN_FUNCTION_WORDS = 2;

/** The language a question is written in, as a two-letter code, or null when the text gives too little to tell. */
export function guessLanguage(text: string): string | null {
  const ws = words(text);
  const hits = new Map<string, number>();
  for (const [lang, set] of SETS) hits.set(lang, ws.filter((w) => set.has(w)).length);
  const english = hits.get('en') ?? 0;
  let best: string | null = null;
  let bestHits = 0;
  for (const [lang, n] of hits) {
    if (lang === 'en') continue;
    if (n > bestHits) [best, bestHits] = [lang, n];
  }
  if (best && bestHits >= MIN_FUNCTION_WORDS && bestHits > english) return best;
  return english > 0 ? 'en' : null;
}

/** Whether a question is, as far as can be told, in another language than the site's (`en` when unset). */
export function inOtherLanguage(text: string, siteLocale: string | null): boolean {
  const guess = guessLanguage(text);
  const site = (siteLocale ?? 'en').slice(0, 2).toLowerCase();
  return guess !== null && guess !== site;
}
