import { parseEventBody } from '../conversations/events';
import type { WireMessage } from '../../shared/protocol/index';
import { SiteSettings, type Agent, type Conversation, type Site, type StoredEvent, type Visitor } from './types';

/** Row mappers: the only place that knows column names and how the drivers return types. */
export type Row = Record<string, unknown>;

/** A timestamp column as epoch ms (PGlite returns Date, node-postgres Date or text). */
export const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : new Date(String(v)).getTime());
export const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : ms(v));
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** A JSON(B) column: drivers return it parsed or as text. */
export const json = <T>(v: unknown, fallback: T): T => (v === null || v === undefined ? fallback : (typeof v === 'string' ? JSON.parse(v) : v) as T);

export function toSite(r: Row): Site {
  return {
    id: str(r.id),
    key: str(r.key),
    name: str(r.name),
    secret: str(r.secret),
    previousSecret: strOrNull(r.previous_secret),
    previousSecretExpiresAt: msOrNull(r.previous_secret_expires_at),
    disabled: Boolean(r.disabled),
    allowedOrigins: (r.allowed_origins as string[] | null) ?? [],
    settings: SiteSettings.parse(json(r.settings, {})),
    createdAt: ms(r.created_at),
  };
}

export function toVisitor(r: Row): Visitor {
  return {
    id: str(r.id),
    siteId: str(r.site_id),
    name: strOrNull(r.name),
    email: strOrNull(r.email),
    userId: strOrNull(r.user_id),
    verified: Boolean(r.verified),
    attributes: json(r.attributes, {}),
    context: json(r.context, null),
    tokenGeneration: Number(r.token_generation ?? 0),
    lastSeenAt: ms(r.last_seen_at),
  };
}

export function toAgent(r: Row): Agent {
  return {
    id: str(r.id),
    email: str(r.email),
    name: str(r.name),
    role: r.role === 'admin' ? 'admin' : 'agent',
    passwordHash: str(r.password_hash),
    disabled: Boolean(r.disabled),
    presence: r.presence === 'away' ? 'away' : 'online',
    capacity: Number(r.capacity),
    avatarUrl: strOrNull(r.avatar_url),
  };
}

export function toConversation(r: Row): Conversation {
  return {
    id: str(r.id),
    siteId: str(r.site_id),
    visitorId: str(r.visitor_id),
    status: r.status as Conversation['status'],
    agentId: strOrNull(r.agent_id),
    escalationReason: strOrNull(r.escalation_reason) as Conversation['escalationReason'],
    lastSeq: Number(r.last_seq),
    unhelpfulRounds: Number(r.unhelpful_rounds),
    context: json(r.context, null),
    createdAt: ms(r.created_at),
    updatedAt: ms(r.updated_at),
    queuedAt: msOrNull(r.queued_at),
    resolvedAt: msOrNull(r.resolved_at),
  };
}

export function toMessage(r: Row): WireMessage {
  return {
    id: str(r.client_id),
    conversationId: str(r.conversation_id),
    seq: Number(r.seq),
    author: r.author as WireMessage['author'],
    authorName: strOrNull(r.author_name),
    // Only when set: messages without an avatar keep their old shape on the wire.
    ...(typeof r.author_avatar === 'string' ? { authorAvatar: r.author_avatar } : {}),
    kind: r.kind === 'note' ? 'note' : 'text',
    text: str(r.text),
    bot: json(r.bot, null),
    system: json(r.system, null),
    // Only messages that carry a file say so: frames of other messages stay as they were.
    ...(r.attachment ? { attachment: json<WireMessage['attachment']>(r.attachment, null) } : {}),
    createdAt: ms(r.created_at),
  };
}

export function toEvent(r: Row): StoredEvent {
  return {
    id: Number(r.id),
    siteId: str(r.site_id),
    conversationId: strOrNull(r.conversation_id),
    ...parseEventBody(str(r.type), json(r.data, {})),
    actorType: r.actor_type as StoredEvent['actorType'],
    actorId: strOrNull(r.actor_id),
    reason: strOrNull(r.reason),
    createdAt: ms(r.created_at),
  };
}
