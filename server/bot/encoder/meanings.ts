import type { Meanings } from '../intent-model';
import type { SentenceEncoder } from './sentence-encoder';

/**
 * The encoder's vectors of a KB's texts, kept between reloads: an edit to one article encodes
 * only its new texts (CLINC150's 15,000 questions take about 90 s to encode the first time).
 */
export class MeaningCache {
  private vectors = new Map<string, Float32Array>();

  constructor(readonly encoder: SentenceEncoder) {}

  /** Encodes the texts not seen before and forgets those no longer in the KB. */
  async prepare(texts: Iterable<string>): Promise<Meanings> {
    const wanted = new Set(texts);
    const missing = [...wanted].filter((t) => !this.vectors.has(t));
    const fresh = missing.length > 0 ? await this.encoder.embed(missing) : [];
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
