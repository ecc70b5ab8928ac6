import type { WireMessage } from '../../../shared/protocol/index';

/** Inserts messages keeping seq order; a seq or id already held is ignored, so replays never duplicate. */
export function mergeMessages(held: readonly WireMessage[], incoming: readonly WireMessage[]): WireMessage[] {
  if (incoming.length === 0) return held as WireMessage[];
  const seqs = new Set(held.map((m) => m.seq));
  const ids = new Set(held.map((m) => m.id));
  const fresh = incoming.filter((m) => {
    if (m.kind === 'note' || seqs.has(m.seq) || ids.has(m.id)) return false;
    seqs.add(m.seq);
    ids.add(m.id);
    return true;
  });
  if (fresh.length === 0) return held as WireMessage[];
  return [...held, ...fresh].sort((a, b) => a.seq - b.seq);
}

/** Messages in `next` that were not in `prev`: what the visitor has not seen yet. */
export function newMessages(prev: readonly WireMessage[], next: readonly WireMessage[]): WireMessage[] {
  if (prev === next) return [];
  const ids = new Set(prev.map((m) => m.id));
  return next.filter((m) => !ids.has(m.id));
}
