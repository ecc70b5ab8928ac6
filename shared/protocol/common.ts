import { z } from 'zod';
import { lineText, multilineText } from '../text';
import { LIMITS } from '../limits';

/** Client-generated id that makes a send idempotent. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'id must be 8–64 characters of A–Z, a–z, 0–9, _ or -');
export type ClientId = z.infer<typeof ClientId>;

export const EntityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');

export const MessageText = multilineText()
  .trim()
  .min(1, 'message is empty')
  .max(LIMITS.messageText, `message is longer than ${LIMITS.messageText} characters`);

/**
 * Text of a send that may carry an attachment: it may then be empty (a file alone). Without an attachment
 * the send frames still refuse empty text, with the same error as `MessageText`.
 */
export const SendText = multilineText()
  .trim()
  .max(LIMITS.messageText, `message is longer than ${LIMITS.messageText} characters`);

/** An uploaded file's id, as the upload answered it (`POST /api/visitor/files`, `POST /api/files`). */
export const FileId = z.string().regex(/^f_[A-Za-z0-9_-]{16,40}$/, 'invalid file id');

/** Refuses a send with neither text nor attachment, reporting it on `text` as `MessageText` does. */
export const textOrAttachment = (f: { text: string; attachment?: string }) => f.text.length > 0 || f.attachment !== undefined;
export const EMPTY_MESSAGE = { message: 'message is empty', path: ['text'] };

/** A file a message carries: what clients need to show it (a preview for images, a chip otherwise). */
export const Attachment = z.object({
  id: z.string(),
  name: z.string(),
  /** The type found by reading the file's first bytes, never the uploader's claim. */
  type: z.string(),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof Attachment>;

export const Seq = z.number().int().nonnegative();

export const ConversationStatus = z.enum(['bot', 'queued', 'assigned', 'resolved', 'offline']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const EscalationReason = z.enum([
  'asked_for_human',
  'low_confidence',
  'repeated_failure',
  'always_human_topic',
  'negative_feedback',
]);
export type EscalationReason = z.infer<typeof EscalationReason>;

export const ArticleCard = z.object({
  id: z.string(),
  title: z.string(),
  excerpt: z.string(),
  url: z.string().nullable(),
  /** Sanitised on the server; the only HTML a client ever renders. */
  html: z.string(),
});
export type ArticleCard = z.infer<typeof ArticleCard>;

/** What the bot contributed to a message, for the widget to render richly. */
export const BotPayload = z.discriminatedUnion('type', [
  z.object({ type: z.literal('answer'), article: ArticleCard, confidence: z.number() }),
  z.object({ type: z.literal('suggest'), suggestions: z.array(ArticleCard), confidence: z.number() }),
  z.object({ type: z.literal('smalltalk'), reply: z.string() }),
  z.object({ type: z.literal('escalate'), reason: EscalationReason, mode: z.enum(['start', 'offer']) }),
]);
export type BotPayload = z.infer<typeof BotPayload>;

/** System messages carry an event key the clients translate. */
export const SystemPayload = z.object({
  event: z.enum(['escalated', 'agent_joined', 'agent_left', 'returned_to_queue', 'resolved', 'offline', 'transferred']),
  name: z.string().nullable(),
});
export type SystemPayload = z.infer<typeof SystemPayload>;

export const Author = z.enum(['visitor', 'bot', 'agent', 'system']);
export type Author = z.infer<typeof Author>;

export const WireMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: Seq,
  author: Author,
  authorName: z.string().nullable(),
  /** The agent's https avatar as it was when they wrote; absent when none (clients draw initials). */
  authorAvatar: z.string().nullable().optional(),
  /** `note` is internal: never sent to a visitor. */
  kind: z.enum(['text', 'note']),
  text: z.string(),
  bot: BotPayload.nullable(),
  system: SystemPayload.nullable(),
  /** Absent from servers before attachments existed; null when the message carries no file. */
  attachment: Attachment.nullable().optional(),
  createdAt: z.number(),
});
export type WireMessage = z.infer<typeof WireMessage>;

const shortText = (max: number) => lineText().max(max);

/** Where the visitor is and what they use; sent at hello and on every navigation. */
export const VisitorContext = z.object({
  url: shortText(LIMITS.urlChars),
  title: shortText(LIMITS.titleChars),
  referrer: shortText(LIMITS.urlChars).default(''),
  language: shortText(35).default(''),
  timeZone: shortText(64).default(''),
  userAgent: shortText(512).default(''),
  viewport: z.object({ width: z.number().int().min(0).max(100_000), height: z.number().int().min(0).max(100_000) }).optional(),
});
export type VisitorContext = z.infer<typeof VisitorContext>;
