/** A vocabulary entry of a SentencePiece unigram model: the piece and its log probability. */
export type Piece = readonly [piece: string, score: number];

/** SentencePiece's word-boundary mark: "how are" is read as "▁how▁are". */
const BOUNDARY = '\u2581';

/** Ids below this are control symbols (unknown, <s>, </s>, reserved) that text never maps to. */
const CONTROL_IDS = 6;

/** The id of the unknown piece. */
const UNKNOWN = 0;

/**
 * The unigram tokenizer of the Universal Sentence Encoder lite: the text (NFKC, spaces as "▁",
 * one "▁" in front) is split into the pieces whose log probabilities sum highest (Viterbi over
 * every piece that starts at each character). A character no piece covers becomes the unknown
 * piece, and a run of unknowns one unknown, as the model was trained.
 */
export class SentencePiece {
  private readonly ids = new Map<string, number>();
  private readonly scores: Float64Array;
  private readonly longest: number;

  constructor(vocabulary: readonly Piece[]) {
    this.scores = new Float64Array(vocabulary.length);
    let longest = 1;
    for (let id = CONTROL_IDS; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id] as Piece;
      this.ids.set(piece, id);
      this.scores[id] = score;
      longest = Math.max(longest, [...piece].length);
    }
    this.longest = longest;
  }

  encode(text: string): number[] {
    const normalised = text.normalize('NFKC');
    if (normalised.length === 0) return [];
    const chars = [...(BOUNDARY + normalised.replace(/ /g, BOUNDARY))];
    const n = chars.length;
    // best[i]: highest score of a split of chars[0, i); from[i]: where its last piece starts.
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1);
    const pieceAt = new Int32Array(n + 1);
    best[0] = 0;
    for (let start = 0; start < n; start++) {
      const base = best[start] as number;
      if (base === -Infinity) continue;
      let piece = '';
      let matched = false;
      for (let end = start + 1; end <= Math.min(n, start + this.longest); end++) {
        piece += chars[end - 1] as string;
        const id = this.ids.get(piece);
        if (id === undefined) continue;
        matched = true;
        const score = base + (this.scores[id] as number);
        if (score > (best[end] as number)) {
          best[end] = score;
          from[end] = start;
          pieceAt[end] = id;
        }
      }
      // No piece starts with this character: it becomes the unknown piece, at a cost that any
      // known split beats.
      if (!matched || best[start + 1] === -Infinity) {
        const score = base - 100;
        if (score > (best[start + 1] as number)) {
          best[start + 1] = score;
          from[start + 1] = start;
          pieceAt[start + 1] = UNKNOWN;
        }
      }
    }
    const reversed: number[] = [];
    for (let end = n; end > 0; end = from[end] as number) reversed.push(pieceAt[end] as number);
    const ids: number[] = [];
    for (let i = reversed.length - 1; i >= 0; i--) {
      const id = reversed[i] as number;
      if (id === UNKNOWN && ids[ids.length - 1] === UNKNOWN) continue;
      ids.push(id);
    }
    return ids;
  }
}
