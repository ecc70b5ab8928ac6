import { randomBytes } from 'node:crypto';
import type { Attachment } from '../../shared/protocol/index';
import type { Sql } from '../store/db';

export type UploaderType = 'visitor' | 'agent';

export interface Uploader {
  type: UploaderType;
  id: string;
}

export interface StoredFile extends Attachment {
  siteId: string;
  uploader: Uploader;
  conversationId: string | null;
  data: Buffer;
}

export interface NewFile {
  siteId: string;
  uploader: Uploader;
  name: string;
  type: string;
  data: Buffer;
}

/** Long enough that ids are never guessed; access is still checked on every download. */
export const newFileId = (): string => `f_${randomBytes(18).toString('base64url')}`;

const meta = (r: Record<string, unknown>): Attachment => ({ id: String(r.id), name: String(r.name), type: String(r.type), size: Number(r.size) });

/** Attachments' bytes and who they belong to (migration 014). */
export class FileRepo {
  constructor(private readonly sql: Sql) {}

  async insert(f: NewFile): Promise<Attachment> {
    const rows = await this.sql.query(
      `INSERT INTO files (id, site_id, uploader_type, uploader_id, name, type, size, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, name, type, size`,
      [newFileId(), f.siteId, f.uploader.type, f.uploader.id, f.name, f.type, f.data.length, f.data],
    );
    return meta(rows[0]!);
  }

  async byId(id: string): Promise<StoredFile | undefined> {
    const [r] = await this.sql.query('SELECT * FROM files WHERE id = $1', [id]);
    if (!r) return undefined;
    const data = r.data instanceof Uint8Array ? Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength) : Buffer.alloc(0);
    return {
      ...meta(r),
      siteId: String(r.site_id),
      uploader: { type: r.uploader_type === 'agent' ? 'agent' : 'visitor', id: String(r.uploader_id) },
      conversationId: r.conversation_id === null ? null : String(r.conversation_id),
      data,
    };
  }

  /** Bytes this uploader stored since `since` (epoch ms): the daily quota holds across nodes. */
  async bytesSince(uploader: Uploader, since: number): Promise<number> {
    const [r] = await this.sql.query<{ n: string | number | null }>(
      'SELECT sum(size) AS n FROM files WHERE uploader_id = $1 AND uploader_type = $2 AND created_at > $3',
      [uploader.id, uploader.type, new Date(since)],
    );
    return Number(r?.n ?? 0);
  }

  /**
   * Gives the uploader's file to a conversation, once: a file already given to another conversation
   * (or someone else's file) is not found. Giving it again to the same conversation is a no-op, so a
   * resent message keeps working.
   */
  async attach(id: string, uploader: Uploader, siteId: string, conversationId: string): Promise<Attachment | undefined> {
    const [r] = await this.sql.query(
      `UPDATE files SET conversation_id = $5
       WHERE id = $1 AND uploader_type = $2 AND uploader_id = $3 AND site_id = $4 AND (conversation_id IS NULL OR conversation_id = $5)
       RETURNING id, name, type, size`,
      [id, uploader.type, uploader.id, siteId, conversationId],
    );
    return r && meta(r);
  }

  /** Deletes uploads no message took within `maxAgeMs`; returns how many. */
  async sweepUnattached(maxAgeMs: number): Promise<number> {
    const rows = await this.sql.query('DELETE FROM files WHERE conversation_id IS NULL AND created_at < $1 RETURNING id', [new Date(Date.now() - maxAgeMs)]);
    return rows.length;
  }
}
