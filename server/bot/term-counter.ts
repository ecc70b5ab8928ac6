/** Term frequencies of one text: parallel arrays of feature ids and counts. */
export interface Counts {
  ids: number[];
  tfs: number[];
}

/**
 * Counts feature ids of one text at a time in a reused typed array (id → position + 1 in the
 * counts), because counting in a Map per text dominated index time (scripts/bot-bench.ts).
 */
export class TermCounter {
  private slot = new Int32Array(1024);
  private ids: number[] = [];
  private tfs: number[] = [];

  /** Starts a text whose feature ids are all below `bound`. */
  begin(bound: number): void {
    if (bound > this.slot.length) {
      const grown = new Int32Array(Math.max(bound, this.slot.length * 2));
      grown.set(this.slot);
      this.slot = grown;
    }
    this.ids = [];
    this.tfs = [];
  }

  /** Counts one occurrence of `id`; a negative id (a feature the vocabulary does not have) is ignored. */
  add(id: number): void {
    if (id < 0) return;
    const at = this.slot[id] as number;
    if (at > 0) this.tfs[at - 1] = (this.tfs[at - 1] as number) + 1;
    else {
      this.ids.push(id);
      this.tfs.push(1);
      this.slot[id] = this.ids.length;
    }
  }

  /** The counts of the text, and a clean slate for the next one. */
  end(): Counts {
    const { ids, tfs, slot } = this;
    for (let k = 0; k < ids.length; k++) slot[ids[k] as number] = 0;
    return { ids, tfs };
  }
}
