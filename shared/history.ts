import { z } from 'zod';
import { ConversationStatus } from './protocol/index';

/** Pages of the conversation history are small enough that a response never outgrows a client's guard. */
export const HISTORY_PAGE_MAX = 50;
export const HISTORY_TEXT_MAX = 200;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Tag = z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}_-]{1,32}$/u, 'a tag is 1–32 letters, digits, _ or -');

/** GET /api/conversations query: every filter optional; `from`/`to` are whole UTC days, both included. */
export const HistoryQuery = z.object({
  status: z.union([ConversationStatus, z.array(ConversationStatus).max(5)]).optional(),
  agent: z.string().min(1).max(64).optional(),
  site: z.string().min(1).max(100).optional(),
  from: Day.optional(),
  to: Day.optional(),
  tag: Tag.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(25),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryItem = z.object({
  id: z.string(),
  status: ConversationStatus,
  siteKey: z.string(),
  siteName: z.string(),
  visitorName: z.string().nullable(),
  visitorEmail: z.string().nullable(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  tags: z.array(z.string()),
  /** The visitor's last message, cut to HISTORY_TEXT_MAX. */
  lastMessage: z.string().nullable(),
  /** With a text search: the newest message that matched, cut to HISTORY_TEXT_MAX. */
  match: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  resolvedAt: z.number().nullable(),
});
export type HistoryItem = z.infer<typeof HistoryItem>;

export const HistoryPage = z.object({ items: z.array(HistoryItem), nextCursor: z.string().nullable() });
export type HistoryPage = z.infer<typeof HistoryPage>;

export const TagsBody = z.object({ tags: z.array(Tag).max(10) });
export type TagsBody = z.infer<typeof TagsBody>;
