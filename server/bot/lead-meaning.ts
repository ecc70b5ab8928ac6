import type { WordEncoder } from './foreign';
import type { Work } from './sliced';

/** Characters of the body read after the title: the distilled encoder reads 500 in all, and the opening says what the article is for. */
const LEAD_CHARS = 400;

/** Lead vectors kept per encoder across KB versions, so an edit encodes only the articles it changed. Emptied when it holds this many. */
const MAX_LEADS = 20_000;

const memory = new WeakMap<WordEncoder, Map<string, Float32Array>>();

function vectorOf(encoder: WordEncoder, text: string): Float32Array {
  let leads = memory.get(encoder);
  if (!leads || leads.size >= MAX_LEADS) {
    leads = new Map();
    memory.set(encoder, leads);
  }
  let v = leads.get(text);
  if (!v) {
    v = encoder.weighted(text).vector;
    leads.set(text, v);
  }
  return v;
}

/** The text an article's lead meaning is read from: its title and the start of its body. */
export function leadOf(title: string, body: string): string {
  return `${title}. ${body.slice(0, LEAD_CHARS)}`;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * Article against article, by meaning: which of two articles is the message about, read as whole
 * texts rather than by the words they share? The ranker's scores count shared words, so a neighbour
 * that shares the message's words ("do i need a driving licence" → *Licence check* rather than *Age
 * and licence*) can rank first with a clear margin. Each article is read once, when the KB is
 * indexed, as its title and the opening of its body (the distilled encoder's unit vector); a
 * decision encodes the message once and compares it with the two articles. Computed from the
 * articles alone, so it needs no example questions.
 */
export class LeadMeanings {
  private constructor(
    private readonly encoder: WordEncoder,
    private readonly leads: readonly Float32Array[],
  ) {}

  /** Encodes every article's lead; pauses (yields) every 16 articles (see `sliced.ts`). */
  static *build(leads: readonly string[], encoder: WordEncoder): Work<LeadMeanings> {
    const vectors: Float32Array[] = [];
    for (const [i, text] of leads.entries()) {
      vectors.push(vectorOf(encoder, text));
      if ((i & 15) === 15) yield;
    }
    return new LeadMeanings(encoder, vectors);
  }

  /**
   * How much nearer in meaning the message is to article `best` than to article `other` (cosine
   * difference, −2…2); null when either index is unknown.
   */
  margin(message: string, best: number, other: number): number | null {
    const a = this.leads[best];
    const b = this.leads[other];
    if (!a || !b) return null;
    const m = this.encoder.weighted(message).vector;
    return dot(m, a) - dot(m, b);
  }
}
