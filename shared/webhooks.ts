import { z } from 'zod';

/** The events a site's webhooks can subscribe to: the contract between the server and the ops dashboard. */
export const WEBHOOK_EVENTS = [
  'conversation.started',
  'conversation.escalated',
  'conversation.assigned',
  'conversation.resolved',
  'message.created',
  'csat.submitted',
  'ticket.created',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENTS);
export type WebhookEventType = z.infer<typeof WebhookEventType>;
