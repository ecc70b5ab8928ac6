import type { WireMessage } from '../../shared/protocol/index';
import { LIMITS } from '../../shared/limits';
import type { Store } from '../store/store';

/**
 * Pages of a conversation's messages, bounded by count and by bytes (whichever ends first), so a
 * frame carrying one stays far below the clients' guard (`LIMITS.serverFrameBytes`) however long
 * the chat. A page holds at least one message; one message is bounded by the text limit and the
 * bot's article card.
 */
function fit(messages: readonly WireMessage[]): WireMessage[] {
  const page: WireMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    bytes += Buffer.byteLength(JSON.stringify(m));
    if (page.length > 0 && bytes > LIMITS.pageBytes) break;
    page.push(m);
  }
  return page;
}

/** Messages after `afterSeq`, oldest first: a replay page. `more` says ask again from its last seq. */
export async function pageAfter(store: Store, conversationId: string, afterSeq: number, includeNotes: boolean): Promise<{ messages: WireMessage[]; more: boolean }> {
  const rows = await store.messages.after(conversationId, afterSeq, LIMITS.replayBatch + 1, includeNotes);
  const messages = fit(rows.slice(0, LIMITS.replayBatch));
  return { messages, more: rows.length > messages.length };
}

/** The latest messages before `beforeSeq` (all: `null`), oldest first. `earlier` says older ones remain. */
export async function pageBefore(store: Store, conversationId: string, beforeSeq: number | null, includeNotes: boolean): Promise<{ messages: WireMessage[]; earlier: boolean }> {
  const rows = await store.messages.before(conversationId, beforeSeq ?? 2_147_483_647, LIMITS.replayBatch + 1, includeNotes);
  const newestFirst = fit(rows.slice(0, LIMITS.replayBatch));
  return { messages: newestFirst.reverse(), earlier: rows.length > newestFirst.length };
}
