import type { WordEncoder } from './foreign';

/** Characters of the body read after the title: the distilled encoder reads 500 in all, and the opening says what the article is for. */
const LEAD_CHARS = 400;

/** Lead vectors kept per encoder across KB versions, so a reload does not encode an unchanged article again. Emptied when it holds this many. */
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
 * texts rather than by the words they share? A message can name something the best article never
 * mentions (a foreign word, `foreign.ts`) and still be about it as a whole ("water leak alert in the
 * *kitchen*"). Each article is read as its title and the opening of its body (the distilled
 * encoder's unit vector), computed from the articles alone, so it needs no example questions.
 * An article is encoded the first time a decision asks about it (about 0.75 ms for 400 characters,
 * against 0.75 s to encode all 1,000 of a large KB at every index build), then kept per process.
 */
export class LeadMeanings {
  constructor(
    /** Article → the text its meaning is read from (`leadOf`). */
    private readonly leads: readonly string[],
    private readonly encoder: WordEncoder,
  ) {}

  /**
   * How much nearer in meaning the message is to article `best` than to article `other` (cosine
   * difference, −2…2); null when either index is unknown.
   */
  margin(message: string, best: number, other: number): number | null {
    const a = this.leads[best];
    const b = this.leads[other];
    if (a === undefined || b === undefined) return null;
    const m = this.encoder.weighted(message).vector;
    return dot(m, vectorOf(this.encoder, a)) - dot(m, vectorOf(this.encoder, b));
  }
}
