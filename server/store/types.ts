import type { EventBody, NewEventBody, UnknownEventBody } from '../conversations/events';
import { z } from 'zod';
import { lineText, multilineText } from '../../shared/text';
import { BusinessHours } from '../sites/business-hours';
import { FILE_KINDS } from '../../shared/files';
import type { ConversationStatus, EscalationReason, VisitorContext, WireMessage } from '../../shared/protocol/index';

/** Per-site settings an admin controls; every field has a default so old rows stay valid. */
export const SiteSettings = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).nullable().default(null),
  greeting: multilineText().max(300).nullable().default(null),
  position: z.enum(['left', 'right']).nullable().default(null),
  locale: lineText().max(35).nullable().default(null),
  launcherLabel: lineText().max(60).nullable().default(null),
  preChatFields: z.array(z.object({ name: z.enum(['name', 'email']), required: z.boolean() })).default([]),
  /** `pick`: agents claim from the queue; `auto`: the least-loaded online agent under capacity gets it. */
  assignMode: z.enum(['pick', 'auto']).default('pick'),
  /** Refuse `userId` claims without a valid `userHash`. */
  requireVerification: z.boolean().default(false),
  /** When the team answers; outside them visitors are told so and can leave a message. Null: always. */
  businessHours: BusinessHours.nullable().default(null),
  /** "Usually replies in ~N minutes" as the owner states it; null: the measured median of the last week (or nothing). */
  replyTimeMinutes: z.number().int().min(1).max(1_440).nullable().default(null),
  /** A visitor who writes again within this many minutes of resolution reopens the same conversation. */
  reopenWindowMinutes: z.number().int().min(0).max(10_080).default(30),
  /**
   * The NPS question after a chat an agent resolved: off unless enabled; a visitor (or verified
   * user) is asked at most once per `sampleDays`, and only `samplePercent` % of the chats that
   * could ask do.
   */
  nps: z
    .object({
      enabled: z.boolean().default(false),
      sampleDays: z.number().int().min(1).max(365).default(90),
      samplePercent: z.number().int().min(1).max(100).default(100),
    })
    .default({ enabled: false, sampleDays: 90, samplePercent: 100 }),
  /**
   * Files visitors and agents may attach: on by default, up to `maxBytes` each (never more than the
   * server's FILE_MAX_BYTES), of the kinds listed; a file's kind is read from its content, not its name.
   */
  attachments: z
    .object({
      enabled: z.boolean().default(true),
      maxBytes: z.number().int().min(1_024).max(104_857_600).default(10_485_760),
      kinds: z.array(z.enum(FILE_KINDS)).max(FILE_KINDS.length).default([...FILE_KINDS]),
    })
    .default({ enabled: true, maxBytes: 10_485_760, kinds: [...FILE_KINDS] }),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

export interface Site {
  id: string;
  key: string;
  name: string;
  secret: string;
  /** The secret before the last rotation; it still verifies `userHash` until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
  /** A disabled site's widget is refused and nothing of it is stored. */
  disabled: boolean;
  allowedOrigins: string[];
  settings: SiteSettings;
  createdAt: number;
}

export interface Visitor {
  id: string;
  siteId: string;
  name: string | null;
  email: string | null;
  userId: string | null;
  verified: boolean;
  attributes: Record<string, unknown>;
  context: VisitorContext | null;
  /** Tokens of an older generation are revoked. */
  tokenGeneration: number;
  lastSeenAt: number;
}

export type Role = 'agent' | 'admin';

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  presence: 'online' | 'away';
  capacity: number;
  /** An https image shown beside the agent's replies; null: initials. */
  avatarUrl: string | null;
}

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  agentId: string | null;
  escalationReason: EscalationReason | null;
  lastSeq: number;
  unhelpfulRounds: number;
  context: VisitorContext | null;
  createdAt: number;
  updatedAt: number;
  queuedAt: number | null;
  resolvedAt: number | null;
}

export type NewMessage = Omit<WireMessage, 'seq' | 'createdAt'> & { authorId: string | null };

export type ActorType = 'visitor' | 'bot' | 'agent' | 'system';

/** An event to store: its type decides the shape of its data (see server/conversations/events.ts). */
export type NewEvent = NewEventBody & {
  siteId: string;
  conversationId: string | null;
  actorType: ActorType;
  actorId: string | null;
  reason?: string | null;
  /** For imports and synthetic histories; defaults to now. */
  at?: Date;
};

/** An event written in the same statement as a message (the message gives its conversation and time). */
export type AppendedEvent = OmitEach<NewEvent, 'conversationId' | 'at'>;
/** Omit applied to each member of a union, so each type keeps its own data. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A stored event, parsed once where it leaves the database. */
export type StoredEvent = (EventBody | UnknownEventBody) & {
  id: number;
  siteId: string;
  conversationId: string | null;
  actorType: ActorType;
  actorId: string | null;
  reason: string | null;
  createdAt: number;
};
