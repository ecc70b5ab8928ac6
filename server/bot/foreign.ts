import type { Work } from './sliced';

/** What the meaning check needs from the distilled static encoder (`encoder/static-encoder.ts`). */
export interface WordEncoder {
  readonly dimensions: number;
  /** Unit vector of a text and the length of its SIF-weighted pieces' sum (small for the commonest words). */
  weighted(text: string): { vector: Float32Array; weight: number };
}

/** Thresholds of the meaning check (`support.foreign*` in `config.ts`). */
export interface ForeignThresholds {
  /** A missing word nearer than this (cosine) to some word of the article is about the article. */
  similarity: number;
  /** Words whose SIF-weighted length is below this are too common to tell anything ("want", "need"). */
  weight: number;
}

/** Message words remembered between decisions (a few thousand distinct words cover a site's traffic). */
const WORD_CACHE = 5_000;

interface WordVector {
  vector: Float32Array;
  weight: number;
}

/**
 * The meaning check: does the message name something the best article is not about at all? The
 * words in common can make a neighbour look like a sure match ("how do i cancel my **gym**
 * membership" → *Change or cancel an order*, 0.99; "can i bring my **dog**" → *Guest passes*): the
 * scores see what the message and the article share, not what the message asks about that the
 * article never mentions. A message word the article does not have is *foreign* when it is specific
 * (its SIF weight is not that of a common word) and no word of the article is near it in meaning
 * (the distilled encoder's word vectors). "girlfriend" is near *Guest passes*' "friend"; "dog" is
 * not. Each article's words are encoded once when the KB is indexed; a decision encodes only the
 * message's missing words (remembered) and compares them with the best article's words.
 */
export class ForeignWords {
  private readonly cache = new Map<string, WordVector>();

  private constructor(
    private readonly encoder: WordEncoder,
    /** Article → its words' unit vectors, one row of `dimensions` each. */
    private readonly rows: readonly Float32Array[],
    private readonly t: ForeignThresholds,
  ) {}

  /** Encodes every article's words; pauses (yields) between articles (see `sliced.ts`). */
  static *build(articleWords: readonly (readonly string[])[], encoder: WordEncoder, t: ForeignThresholds): Work<ForeignWords> {
    const rows: Float32Array[] = [];
    const check = new ForeignWords(encoder, rows, t);
    const d = encoder.dimensions;
    for (const [i, words] of articleWords.entries()) {
      const m = new Float32Array(words.length * d);
      words.forEach((w, k) => m.set(check.vectorOf(w).vector, k * d));
      rows.push(m);
      if ((i & 15) === 15) yield;
    }
    return check;
  }

  /** The first of `missing` (words of the message the article does not have) that the article is not about, or null. */
  foreign(missing: readonly string[], article: number): string | null {
    const m = this.rows[article];
    if (!m) return null;
    const d = this.encoder.dimensions;
    for (const word of missing) {
      const { vector, weight } = this.vectorOf(word);
      if (weight < this.t.weight) continue;
      let near = false;
      for (let at = 0; at < m.length && !near; at += d) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += (vector[c] as number) * (m[at + c] as number);
        near = dot >= this.t.similarity;
      }
      if (!near) return word;
    }
    return null;
  }

  private vectorOf(word: string): WordVector {
    let v = this.cache.get(word);
    if (!v) {
      v = this.encoder.weighted(word);
      // Oldest first out: a Map iterates in insertion order.
      if (this.cache.size >= WORD_CACHE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(word, v);
    }
    return v;
  }
}
