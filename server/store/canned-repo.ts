import { randomUUID } from 'node:crypto';
import type { Sql } from './db';

export interface CannedResponse { id: string; shortcut: string; text: string }

const toCanned = (r: Record<string, unknown>): CannedResponse => ({ id: String(r.id), shortcut: String(r.shortcut), text: String(r.text) });

export class CannedRepo {
  constructor(private readonly sql: Sql) {}
  async all(): Promise<CannedResponse[]> {
    return (await this.sql.query('SELECT * FROM canned_responses ORDER BY shortcut')).map(toCanned);
  }
  async create(c: { shortcut: string; text: string }): Promise<CannedResponse> {
    const rows = await this.sql.query('INSERT INTO canned_responses (id, shortcut, text) VALUES ($1, $2, $3) RETURNING *', [randomUUID(), c.shortcut, c.text]);
    return toCanned(rows[0]!);
  }
  async update(id: string, c: { shortcut: string; text: string }): Promise<CannedResponse | undefined> {
    const rows = await this.sql.query('UPDATE canned_responses SET shortcut = $2, text = $3, updated_at = now() WHERE id = $1 RETURNING *', [id, c.shortcut, c.text]);
    return rows[0] && toCanned(rows[0]);
  }
  async delete(id: string): Promise<boolean> {
    return (await this.sql.query('DELETE FROM canned_responses WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}
