import { TermCounter } from './term-counter';
import type { Counts } from './term-counter';
import type { SparseVector } from './vectors';

/**
 * Features for the trained intent model, as close to the text as written as the ranker's own
 * features are far from it: every word with stop words kept ("who", "your", "my"), adjacent word
 * pairs, and character 3–4-grams of every word with its boundaries ("^yo", "our$"). Intents in a
 * KB with many example questions differ in exactly these small words and word forms ("change my
 * name" / "what is my name" / "call me"), which the ranker's stemmed content words drop. On
 * CLINC150 val a linear SVM over these features ranks 0.93 of queries right; over the ranker's
 * features 0.91 (docs/BOT.md).
 *
 * Two families, each TF-IDF (sublinear tf, smoothed idf over texts) and L2-normalised on its own,
 * so words and character n-grams weigh the same whatever their counts.
 */
export class SurfaceFeatures {
  private readonly ids = new Map<string, number>();
  /** 0: word or word pair, 1: character n-gram. */
  private readonly family: number[] = [];
  private idf = new Float32Array(0);
  private frozen = false;
  private readonly counter = new TermCounter();

  get dimensions(): number {
    return this.family.length;
  }

  private id(key: string, family: number): number {
    let id = this.ids.get(key);
    if (id === undefined && !this.frozen) {
      id = this.family.length;
      this.ids.set(key, id);
      this.family.push(family);
    }
    return id ?? -1;
  }

  /** Feature counts of a text given as its words (normalised, unstemmed, stop words kept). */
  count(words: readonly string[]): Counts {
    const counter = this.counter;
    // Room for every feature this text could add: a word, a pair and its character n-grams each.
    let bound = this.family.length + 2 * words.length;
    for (const w of words) bound += 2 * w.length + 4;
    counter.begin(bound);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      counter.add(this.id(w, 0));
      if (i > 0) counter.add(this.id(`${words[i - 1] as string} ${w}`, 0));
      const s = `^${w}$`;
      for (let n = 3; n <= 4; n++) for (let k = 0; k + n <= s.length; k++) counter.add(this.id(s.slice(k, k + n), 1));
    }
    return counter.end();
  }

  /** Learns the IDF of the training texts' counts and freezes the vocabulary. */
  fit(counts: readonly Counts[]): void {
    this.frozen = true;
    const df = new Float64Array(this.family.length);
    for (const c of counts) for (const id of c.ids) df[id] = (df[id] as number) + 1;
    const n = counts.length;
    this.idf = Float32Array.from(df, (f) => Math.log((n + 1) / (f + 1)) + 1);
  }

  /** TF-IDF vector with each family normalised to unit length. */
  transform(c: Counts): SparseVector {
    const ids = Int32Array.from(c.ids);
    const values = new Float32Array(ids.length);
    const norms = [0, 0];
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      const v = (1 + Math.log(c.tfs[k] as number)) * (this.idf[id] as number);
      values[k] = v;
      const f = this.family[id] as number;
      norms[f] = (norms[f] as number) + v * v;
    }
    const scale = norms.map((x) => (x > 0 ? 1 / Math.sqrt(x) : 0));
    for (let k = 0; k < ids.length; k++) values[k] = (values[k] as number) * (scale[this.family[ids[k] as number] as number] as number);
    return { ids, values };
  }
}
