import type { RunningServer } from './server';

/**
 * Grows a conversation to `upTo` messages (agent replies of `text` and their seq) in one transaction
 * that holds the conversation's row lock, so an append racing with it (a bot reply) takes the next seq.
 */
export async function fill(server: RunningServer, conversationId: string, upTo: number, text: string): Promise<void> {
  await server.store.db.transaction(async (sql) => {
    const [c] = await sql.query<{ last_seq: number }>('SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
    await sql.query(
      `INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, kind, text)
       SELECT $1, g, 'fill_' || g, 'agent', NULL, 'Ana', 'text', $3 || ' ' || g FROM generate_series($2::integer, $4::integer) g`,
      [conversationId, c!.last_seq + 1, text, upTo],
    );
    await sql.query('UPDATE conversations SET last_seq = $2 WHERE id = $1', [conversationId, upTo]);
  });
}
