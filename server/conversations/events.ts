import { z } from 'zod';
import { ConversationStatus } from '../../shared/protocol/index';

/**
 * Every stored event type with the shape of its `data`: the one definition every writer is checked
 * against (at compile time) and every reader gets back (parsed once where rows leave the database).
 * Fields added after an event type first shipped are optional, so older rows still parse.
 */
const id = z.string().nullable();
const text = z.string().nullable();
/** What a transition records besides its own data (see ConversationCore.transition). */
const moved = { from: ConversationStatus, to: ConversationStatus };

export const EVENT_DATA = {
  'conversation.started': z.object({ url: text.default(null) }),
  'conversation.assigned': z.object({ ...moved, agentId: z.string() }),
  'conversation.escalated': z.object({ ...moved, outcome: z.enum(['queued', 'offline']).optional(), articleId: id.optional() }),
  'conversation.offline': z.object(moved),
  'conversation.resolved': z.object({ ...moved, agentId: id.optional() }),
  'conversation.reopened': z.object({ ...moved, agentId: z.string().optional(), via: z.literal('email').optional() }),
  'conversation.transferred': z.object({ ...moved, fromAgentId: z.string(), toAgentId: id, note: text.default(null) }),
  'conversation.returned_to_queue': z.object({ ...moved, fromAgentId: z.string(), toAgentId: id.optional(), note: text.optional() }),
  'bot.decision': z.object({
    query: z.string(),
    decision: z.enum(['answer', 'suggest', 'escalate', 'smalltalk']),
    confidence: z.number(),
    articleId: id.default(null),
    suggestions: z.array(z.string()).default([]),
    candidates: z.array(z.object({ id: z.string(), score: z.number() })).default([]),
    reason: text.default(null),
    /** Share of the question's content words found anywhere in the KB served then (server/ops/off-topic.ts); null while a large KB is still being read. */
    kbWords: z.number().nullable().optional(),
  }),
  'bot.choice': z.object({ articleId: z.string() }),
  'bot.feedback': z.object({ articleId: z.string(), messageSeq: z.number(), helpful: z.boolean() }),
  'bot.marked_wrong': z.object({ articleId: z.string(), messageSeq: z.number() }),
  'csat.submitted': z.object({ rating: z.number(), comment: text.default(null), agentId: id.default(null) }),
  'nps.asked': z.object({ sampleDays: z.number(), after: z.enum(['agent', 'bot']).optional() }),
  'nps.dismissed': z.object({}),
  'nps.submitted': z.object({ score: z.number(), comment: text.default(null) }),
  'ticket.created': z.object({ email: z.string() }),
  'page.viewed': z.object({ url: z.string(), title: z.string() }),
  'email.received': z.object({}),
} as const;

type Schemas = typeof EVENT_DATA;
export type EventType = keyof Schemas;

/** An event as readers get it: `type` narrows `data`. */
export type EventBody = { [K in EventType]: { type: K; data: z.output<Schemas[K]> } }[EventType];
/** An event as writers give it (defaults may be left out). */
export type NewEventBody = { [K in EventType]: { type: K; data: z.input<Schemas[K]> } }[EventType];
/** A stored row whose type or data this server does not know (written by a newer or an older version). */
export interface UnknownEventBody {
  type: 'unknown';
  storedType: string;
  data: Record<string, never>;
}

/** Transitions record `from` and `to` themselves; the writer gives the rest. */
export type TransitionEventBody = {
  [K in EventType]: z.input<Schemas[K]> extends { from: unknown; to: unknown } ? { type: K; data: Omit<z.input<Schemas[K]>, 'from' | 'to'> } : never;
}[EventType];

const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_DATA, type);

/** Parses one stored event's type and data; anything it does not recognise is kept as `unknown`, never thrown. */
export function parseEventBody(type: string, data: unknown): EventBody | UnknownEventBody {
  if (!isEventType(type)) return { type: 'unknown', storedType: type, data: {} };
  const parsed = EVENT_DATA[type].safeParse(data ?? {});
  return parsed.success ? ({ type, data: parsed.data } as EventBody) : { type: 'unknown', storedType: type, data: {} };
}

/** The status move a transition recorded, for any event type that is one. */
export function moveOf(e: EventBody | UnknownEventBody): { from: ConversationStatus; to: ConversationStatus } | null {
  return 'from' in e.data && 'to' in e.data ? { from: e.data.from, to: e.data.to } : null;
}

/** The type name as stored (what the console and exports show). */
export const storedType = (e: EventBody | UnknownEventBody): string => (e.type === 'unknown' ? e.storedType : e.type);
