import type { Meanings } from '../intent-model';
import type { SentenceEncoder } from './sentence-encoder';

/**
 * Texts encoded per turn of the event loop. The static encoder runs on the event loop: CLINC150's
 * 15,150 texts in one call stalled every chat for 1.1 s while the KB loaded (bot-bench, quiet machine).
 */
const TEXTS_PER_TURN = 256;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The encoder's vectors of a KB's texts, kept between reloads: an edit to one article encodes
 * only its new texts (CLINC150's 15,000 questions take about 90 s to encode the first time with
 * `use-lite`). Encoded a slice at a time, so chats are served while a large KB is encoded.
 */
export class MeaningCache {
  private vectors = new Map<string, Float32Array>();

  constructor(readonly encoder: SentenceEncoder) {}

  /** Encodes the texts not seen before and forgets those no longer in the KB. */
  async prepare(texts: Iterable<string>): Promise<Meanings> {
    const wanted = new Set(texts);
    const missing = [...wanted].filter((t) => !this.vectors.has(t));
    const fresh: Float32Array[] = [];
    for (let i = 0; i < missing.length; i += TEXTS_PER_TURN) {
      if (i > 0) await nextTurn();
      fresh.push(...(await this.encoder.embed(missing.slice(i, i + TEXTS_PER_TURN))));
    }
    const next = new Map<string, Float32Array>();
    for (const t of wanted) {
      const v = this.vectors.get(t);
      if (v) next.set(t, v);
    }
    missing.forEach((t, i) => next.set(t, fresh[i] as Float32Array));
    this.vectors = next;
    return { dimensions: this.encoder.dimensions, of: (text) => next.get(text) };
  }
}
