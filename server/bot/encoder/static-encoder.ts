import { readTable } from './distil';
import type { SentenceEncoder } from './sentence-encoder';
import { SentencePiece } from './sentencepiece';
import type { Piece } from './sentencepiece';

/**
 * Characters read per text. The tokenizer's Viterbi pass is the cost (about 5 ms for 1,000
 * characters on a busy 2-core machine, against 0.07 ms for a typical message); a message's first
 * 500 characters (about 128 pieces, what the full encoder reads too) carry its request.
 */
const MAX_CHARS = 500;

/**
 * The distilled sentence encoder (`distil.ts`): a text is the normalised sum of its pieces' rows
 * (the rows carry their SIF weights). Synchronous and cheap, so it runs on the calling thread.
 */
export class StaticEncoder implements SentenceEncoder {
  readonly name = 'static';
  readonly dimensions: number;
  private readonly rows: Float32Array;
  private readonly pieces: SentencePiece;

  constructor(table: Uint8Array, vocabulary: readonly Piece[]) {
    const t = readTable(table);
    if (t.pieces !== vocabulary.length) throw new Error(`distilled encoder table has ${t.pieces} pieces, the vocabulary ${vocabulary.length}`);
    this.dimensions = t.dimensions;
    this.rows = t.rows;
    this.pieces = new SentencePiece(vocabulary);
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((t) => this.embedOne(t)));
  }

  /** One text's unit vector (the zero vector when no piece has a row). */
  embedOne(text: string): Float32Array {
    return this.weighted(text).vector;
  }

  /**
   * One text's unit vector and the length of its pieces' sum before normalising. The rows carry
   * their SIF weights, so the length is small for the commonest words ("want", "need") and larger
   * for specific ones ("caravan", "netflix").
   */
  weighted(text: string): { vector: Float32Array; weight: number } {
    const d = this.dimensions;
    const out = new Float32Array(d);
    const ids = this.pieces.encode(text.slice(0, MAX_CHARS));
    for (let i = 0; i < ids.length; i++) {
      const at = (ids[i] as number) * d;
      for (let c = 0; c < d; c++) out[c] = (out[c] as number) + (this.rows[at + c] as number);
    }
    let norm = 0;
    for (let c = 0; c < d; c++) norm += (out[c] as number) ** 2;
    const weight = Math.sqrt(norm);
    if (weight > 0) {
      const inv = 1 / weight;
      for (let c = 0; c < d; c++) out[c] = (out[c] as number) * inv;
    }
    return { vector: out, weight };
  }
}
