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

/**
 * Word vectors kept per encoder across KB versions and messages, so a reload encodes only new words
 * (about 0.05–0.1 ms a word: its SentencePiece pieces and their sum). Emptied when it holds this many.
 */
const MAX_WORDS = 100_000;

interface WordVector {
  vector: Float32Array;
  weight: number;
}

const memory = new WeakMap<WordEncoder, Map<string, WordVector>>();

/**
 * Missing words looked at per decision, in message order. A 1,000-character message can miss 150
 * words, each compared with every word of a long article: the cap keeps the worst case to about
 * 16 × 300 × 128 multiply-adds, well inside the decision's budget.
 */
const MAX_CHECKED = 16;

function vectorOf(encoder: WordEncoder, word: string): WordVector {
  let words = memory.get(encoder);
  if (!words || words.size >= MAX_WORDS) {
    words = new Map();
    memory.set(encoder, words);
  }
  let v = words.get(word);
  if (!v) {
    v = encoder.weighted(word);
    words.set(word, v);
  }
  return v;
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
  private constructor(
    private readonly encoder: WordEncoder,
    /** Article → its words' unit vectors (shared between articles that use a word). */
    private readonly words: readonly (readonly Float32Array[])[],
    private readonly t: ForeignThresholds,
  ) {}

  /** Encodes every article's words; pauses (yields) between articles (see `sliced.ts`). */
  static *build(articleWords: readonly (readonly string[])[], encoder: WordEncoder, t: ForeignThresholds): Work<ForeignWords> {
    const words: Float32Array[][] = [];
    for (const [i, list] of articleWords.entries()) {
      words.push(list.map((w) => vectorOf(encoder, w).vector));
      if ((i & 15) === 15) yield;
    }
    return new ForeignWords(encoder, words, t);
  }

  /** The first of `missing` (words of the message the article does not have) that the article is not about, or null. */
  foreign(missing: readonly string[], article: number): string | null {
    const own = this.words[article];
    if (!own) return null;
    const d = this.encoder.dimensions;
    for (const word of missing.slice(0, MAX_CHECKED)) {
      const { vector, weight } = vectorOf(this.encoder, word);
      if (weight < this.t.weight) continue;
      let near = false;
      for (let k = 0; k < own.length && !near; k++) {
        const row = own[k] as Float32Array;
        let dot = 0;
        for (let c = 0; c < d; c++) dot += (vector[c] as number) * (row[c] as number);
        near = dot >= this.t.similarity;
      }
      if (!near) return word;
    }
    return null;
  }
}
