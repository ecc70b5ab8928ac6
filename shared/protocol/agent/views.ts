import { z } from 'zod';
import { ConversationStatus, EscalationReason, VisitorContext } from '../common';

/** A chat waiting in the queue, as the console lists it. */
export const QueueItem = z.object({
  conversationId: z.string(),
  visitorName: z.string().nullable(),
  /** A stable, distinguishable label for a visitor without a name (number · browser · city); never their IP. */
  visitorLabel: z.string().optional(),
  reason: EscalationReason.nullable(),
  lastMessage: z.string().nullable(),
  queuedAt: z.number(),
  pageUrl: z.string().nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const ConversationSummary = z.object({
  id: z.string(),
  status: ConversationStatus,
  visitorName: z.string().nullable(),
  visitorLabel: z.string().optional(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  reason: EscalationReason.nullable(),
  lastMessage: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Whether any of the visitor's widget sockets (tabs) is open now; absent from older servers. */
  visitorOnline: z.boolean().optional(),
  /** When the visitor was last seen by any socket. */
  visitorLastSeenAt: z.number().optional(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const VisitorProfile = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  userId: z.string().nullable(),
  verified: z.boolean(),
  attributes: z.record(z.string(), z.unknown()),
});
export type VisitorProfile = z.infer<typeof VisitorProfile>;

export const ConversationEvent = z.object({
  type: z.string(),
  actor: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.number(),
});
export type ConversationEvent = z.infer<typeof ConversationEvent>;

/** A visitor's verdict on one bot answer, shown beside that answer in the console. */
export const AnswerFeedback = z.object({
  /** The seq of the bot message the feedback is about. */
  messageSeq: z.number().int(),
  articleId: z.string(),
  helpful: z.boolean(),
  at: z.number(),
});
export type AnswerFeedback = z.infer<typeof AnswerFeedback>;

/** Everything an agent needs beside a chat so the visitor never repeats themselves. */
export const ConversationDetail = ConversationSummary.extend({
  visitor: VisitorProfile,
  context: VisitorContext.nullable(),
  pages: z.array(z.object({ url: z.string(), title: z.string(), at: z.number() })),
  events: z.array(ConversationEvent),
  previous: z.array(ConversationSummary),
  feedback: z.array(AnswerFeedback),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const AgentProfile = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['agent', 'admin']),
  /** The https picture visitors see beside this agent's replies; absent or null: initials. */
  avatarUrl: z.string().nullable().optional(),
});
export type AgentProfile = z.infer<typeof AgentProfile>;
