import type { Analysis } from './text';
import { isChatWord } from './smalltalk';
import { stopwords } from './text';
import type { Counts } from './term-counter';
import type { Vectorizer } from './vectors';

/**
 * What the best article has in common with a message, for judging whether the match is thin. Words
 * with digits (order numbers, sizes) and chat words the KB does not have ("pls") are left out.
 */
export interface Support {
  /**
   * IDF-weighted share of the message's content words and of the adjacent word pairs around them
   * ("ship to", "my order") that the article has. A word the KB has never seen weighs as much as the
   * rarest; a likely misspelling counts as the word meant.
   */
  evidence: number;
  /** How many distinct content words and word pairs of the message the article has. */
  shared: number;
  /** Whether some content word is unknown to the KB, even as a likely misspelling. */
  unknown: boolean;
  /**
   * The message's content words (as written, misspellings as the KB word meant) that the article
   * does not have, for the meaning check (`foreign.ts`). Chat words and words with digits are left out.
   */
  missing: string[];
}

const FULL: Support = { evidence: 1, shared: Infinity, unknown: false, missing: [] };
const DIGIT = /\d/;
const EMPTY = new Int32Array(0);

function has(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] as number;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The KB's words as written, to tell a misspelt word ("delivrey") from one the KB has never seen
 * ("router"). Misspellings are found with a one-deletion index (SymSpell): two words are one typo
 * apart when deleting at most one letter from each makes them equal, which covers a wrong, missing,
 * extra or swapped letter. The first letter must agree: people rarely mistype it, and allowing it
 * made real words look like typos ("router" → "outer"). Everything is built once per KB, so a
 * lookup is a few map probes.
 */
export class Vocabulary {
  /** Every word written in the KB, and every stop word → its folded form. */
  private readonly written = new Map<string, string>();
  private readonly stop = new Set<string>();
  /** A written word of `typoMinLength`+ letters with one letter deleted → the words it came from. */
  private readonly deletions = new Map<string, string[]>();
  /** Article → ids of its word and word-pair features, sorted (sets while building). */
  private building: Set<number>[] = [];
  private features: Int32Array[] = [];
  /** Article → the content words its texts use, as written (for the meaning check). */
  private readonly surface: Set<string>[] = [];

  constructor(
    private readonly vectorizer: Vectorizer,
    private readonly fold: (word: string) => string,
    /** Only words at least this long are looked up as misspellings; shorter ones collide with real words. */
    private readonly typoMinLength: number,
  ) {}

  /** Records one of the article's texts with its counts from the vectorizer. */
  add(article: number, a: Analysis, counts: Counts): void {
    let own = this.building[article];
    if (!own) {
      own = new Set();
      this.building[article] = own;
    }
    for (const id of counts.ids) if (!this.vectorizer.isCharGram(id)) own.add(id);
    let words = this.surface[article];
    if (!words) {
      words = new Set();
      this.surface[article] = words;
    }
    for (let i = 0; i < a.words.length; i++) {
      const word = a.words[i] as string;
      if (!this.written.has(word)) this.written.set(word, a.terms[i] as string);
      if (!DIGIT.test(word)) words.add(word);
    }
  }

  /** The content words the article's texts use, as written. */
  wordsOf(article: number): string[] {
    return [...(this.surface[article] ?? [])];
  }

  /** Builds the lookup structures; call once after every article was added. */
  freeze(): void {
    this.features = Array.from(this.building, (s) => (s ? Int32Array.from(s).sort() : EMPTY));
    this.building = [];
    for (const word of stopwords()) {
      this.stop.add(word);
      if (!this.written.has(word)) this.written.set(word, this.fold(word));
    }
    for (const word of this.written.keys()) {
      if (word.length < this.typoMinLength || DIGIT.test(word)) continue;
      for (let i = 1; i < word.length; i++) {
        if (word[i] === word[i - 1]) continue;
        const key = word.slice(0, i) + word.slice(i + 1);
        const list = this.deletions.get(key);
        if (list) list.push(word);
        else this.deletions.set(key, [word]);
      }
    }
  }

  /** KB words (or stop words) one typo away from `word`. */
  private corrections(word: string): Set<string> {
    const out = new Set<string>();
    if (word.length < this.typoMinLength) return out;
    const via = (key: string): void => {
      for (const w of this.deletions.get(key) ?? []) out.add(w);
    };
    via(word);
    for (let i = 1; i < word.length; i++) {
      if (word[i] === word[i - 1]) continue;
      const key = word.slice(0, i) + word.slice(i + 1);
      if (this.written.has(key)) out.add(key);
      via(key);
    }
    return out;
  }

  /**
   * The analysis with words of `minLength`+ letters that the KB does not have replaced by the KB
   * word they most likely misspell; a misspelt stop word ("whree") becomes that stop word.
   */
  correct(a: Analysis, minLength: number): Analysis {
    let out: Analysis | null = null;
    let dropped = false;
    for (let i = 0; i < a.terms.length; i++) {
      const word = a.words[i] as string;
      if (word.length < minLength || DIGIT.test(word) || this.vectorizer.wordId(a.terms[i] as string) >= 0) continue;
      const meant = this.meant(word, EMPTY);
      if (!meant) continue;
      out ??= { terms: a.terms.slice(), words: a.words.slice(), at: a.at.slice(), all: a.all.slice() };
      out.all[a.at[i] as number] = meant.term;
      out.terms[i] = meant.stop ? '' : meant.term;
      dropped ||= meant.stop;
    }
    if (!out || !dropped) return out ?? a;
    const keep = (_: unknown, i: number): boolean => out.terms[i] !== '';
    return { terms: out.terms.filter(keep), words: out.words.filter(keep), at: out.at.filter(keep), all: out.all };
  }

  /**
   * The analysis with every word the KB does not have, but that is two words the KB has side by
   * side written together ("giftcard", "preorder" for "pre-order"), read as those two words.
   */
  split(a: Analysis): Analysis {
    const parts = new Map<number, [string, string]>();
    for (let i = 0; i < a.terms.length; i++) {
      const word = a.words[i] as string;
      if (DIGIT.test(word) || this.vectorizer.wordId(a.terms[i] as string) >= 0) continue;
      const p = this.compound(word);
      if (p) parts.set(a.at[i] as number, p);
    }
    if (parts.size === 0) return a;
    const out: Analysis = { terms: [], words: [], at: [], all: [] };
    const push = (word: string, term: string, content: boolean): void => {
      if (content) {
        out.terms.push(term);
        out.words.push(word);
        out.at.push(out.all.length);
      }
      out.all.push(term);
    };
    let k = 0;
    for (let i = 0; i < a.all.length; i++) {
      const content = a.at[k] === i;
      const p = parts.get(i);
      if (p) for (const w of p) push(w, this.written.get(w) as string, !this.stop.has(w));
      else push(content ? (a.words[k] as string) : '', a.all[i] as string, content);
      if (content) k++;
    }
    return out;
  }

  private compound(word: string): [string, string] | null {
    for (let i = 1; i < word.length; i++) {
      const first = word.slice(0, i);
      const second = word.slice(i);
      const f = this.written.get(first);
      const s = this.written.get(second);
      if (f !== undefined && s !== undefined && this.vectorizer.pairOf(f, s) >= 0) return [first, second];
    }
    return null;
  }

  /** What the article at `index` has in common with the analysed message. */
  support(a: Analysis, index: number): Support {
    const own = this.features[index] ?? EMPTY;
    const v = this.vectorizer;
    const unseen = v.unseenIdf;
    // Word sequence with misspellings replaced by the word meant, so pairs around a typo still match.
    const seq = a.all.slice();
    const content = new Array<boolean>(seq.length).fill(false);
    let total = 0;
    let matched = 0;
    let shared = 0;
    let unknown = false;
    const missing: string[] = [];
    for (let i = 0; i < a.terms.length; i++) {
      let word = a.words[i] as string;
      if (DIGIT.test(word)) continue;
      const at = a.at[i] as number;
      let id = v.wordId(a.terms[i] as string);
      if (id < 0) {
        const meant = this.meant(word, own);
        if (meant) seq[at] = meant.term;
        if (meant?.stop || (!meant && isChatWord(word))) continue;
        id = meant?.id ?? -1;
        if (meant) word = meant.word;
      }
      content[at] = true;
      unknown ||= id < 0;
      const w = id >= 0 ? v.idfOf(id) : unseen;
      total += w;
      if (id >= 0 && has(own, id)) {
        matched += w;
        shared++;
      } else if (!missing.includes(word)) missing.push(word);
    }
    if (total === 0) return FULL;
    for (let i = 1; i < seq.length; i++) {
      if (!content[i - 1] && !content[i]) continue;
      const id = v.pairOf(seq[i - 1] as string, seq[i] as string);
      const w = id >= 0 ? v.idfOf(id) : unseen;
      total += w;
      if (id >= 0 && has(own, id)) {
        matched += w;
        shared++;
      }
    }
    return { evidence: matched / total, shared, unknown, missing };
  }

  /**
   * The KB word an unknown word most likely stands for: a stop word if it is one typo from one
   * ("whree" → "where"), else of the KB words one typo away one the article has, then the most specific.
   */
  private meant(word: string, own: Int32Array): { word: string; term: string; id: number; stop: boolean } | null {
    let best: { word: string; term: string; id: number; stop: boolean } | null = null;
    let bestScore = -1;
    for (const w of this.corrections(word)) {
      const term = this.written.get(w) as string;
      if (this.stop.has(w)) return { word: w, term, id: -1, stop: true };
      const id = this.vectorizer.wordId(term);
      if (id < 0) continue;
      const score = this.vectorizer.idfOf(id) + (has(own, id) ? 1000 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = { word: w, term, id, stop: false };
      }
    }
    return best;
  }
}
