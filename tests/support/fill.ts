import type { RunningServer } from './server';

/** Grows a conversation to `upTo` messages in one statement (agent replies of `text` and their seq). */
export async function fill(server: RunningServer, conversationId: string, upTo: number, text: string): Promise<void> {
  const c = (await server.store.conversations.byId(conversationId))!;
  await server.store.db.query(
    `INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, kind, text)
     SELECT $1, g, 'fill_' || g, 'agent', NULL, 'Ana', 'text', $3 || ' ' || g FROM generate_series($2::integer, $4::integer) g`,
    [conversationId, c.lastSeq + 1, text, upTo],
  );
  await server.store.db.query('UPDATE conversations SET last_seq = $2 WHERE id = $1', [conversationId, upTo]);
}
