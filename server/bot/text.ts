import { stemmer } from 'stemmer';
import { eng } from 'stopword';

const STOPWORDS = new Set(eng);
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;

/** The English stop words (dropped from content terms). */
export function stopwords(): Iterable<string> {
  return STOPWORDS;
}

/** Lower-case, strip accents and apostrophes, so "Don’t" and "dont" meet. */
export function normalise(text: string): string {
  // ASCII text has no accents to strip, and NFKD is the slowest step of normalising it.
  const plain = ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '');
  return plain.toLowerCase().replace(/['’‘`]/g, '');
}

export function words(text: string): string[] {
  return normalise(text).match(WORD) ?? [];
}

export interface Analysis {
  /** Content terms: stop words dropped, stemmed, synonyms folded. */
  terms: string[];
  /** The words the content terms came from, as written (normalised, not stemmed), parallel to `terms`. */
  words: string[];
  /** Position in `all` of each content term, parallel to `terms`. */
  at: number[];
  /** Every word stemmed and folded, stop words kept (for word pairs such as "who made"). */
  all: string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns text into index terms. One instance is shared by the search index and the classifier, so
 * articles and visitor messages always go through the same steps.
 */
export class Analyzer {
  private readonly phrases: RegExp | null;
  private readonly phraseMap = new Map<string, string>();
  private readonly stemMap = new Map<string, string>();
  private readonly stemCache = new Map<string, string>();

  constructor(synonymGroups: string[][]) {
    const phrases: string[] = [];
    for (const group of synonymGroups) {
      const canonical = words(group[0] ?? '').join('');
      if (!canonical) continue;
      for (const entry of group) {
        const w = words(entry);
        if (w.length > 1) {
          this.phraseMap.set(w.join(' '), canonical);
          phrases.push(w.join(' '));
        } else if (w[0]) {
          this.stemMap.set(stemmer(w[0]), stemmer(canonical));
        }
      }
    }
    phrases.sort((a, b) => b.length - a.length);
    this.phrases = phrases.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map((p) => escapeRegExp(p).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'gu')
      : null;
  }

  /** Words of the text with multi-word synonyms collapsed to their canonical word. */
  tokenize(text: string): string[] {
    let t = normalise(text);
    if (this.phrases) t = t.replace(this.phrases, (m) => ` ${this.phraseMap.get(m.replace(/\s+/g, ' ')) ?? m} `);
    // Same words as WORD on ASCII text, without the cost of Unicode property classes.
    return t.match(ASCII.test(t) ? ASCII_WORD : WORD) ?? [];
  }

  /** Stem + synonym fold of one lower-case word (no stop-word check). */
  fold(word: string): string {
    let s = this.stemCache.get(word);
    if (s === undefined) {
      const stem = word.length > 2 && !/\d/.test(word) ? stemmer(word) : word;
      s = this.stemMap.get(stem) ?? stem;
      if (this.stemCache.size < 100_000) this.stemCache.set(word, s);
    }
    return s;
  }

  /** MiniSearch `processTerm`: null drops the term. */
  processTerm(word: string): string | null {
    if (STOPWORDS.has(word)) return null;
    return this.fold(word);
  }

  analyze(text: string): Analysis {
    return this.analyzeTokens(this.tokenize(text));
  }

  /** `analyze` of words already tokenized (for callers that also need the words themselves). */
  analyzeTokens(tokens: readonly string[]): Analysis {
    const terms: string[] = [];
    const words: string[] = [];
    const at: number[] = [];
    const all: string[] = [];
    for (const w of tokens) {
      const f = this.fold(w);
      if (!STOPWORDS.has(w)) {
        terms.push(f);
        words.push(w);
        at.push(all.length);
      }
      all.push(f);
    }
    return { terms, words, at, all };
  }
}
