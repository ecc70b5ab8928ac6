import { z } from 'zod';
import { FILE_KINDS } from '../../shared/files';
import { WebhookEventType } from '../../shared/webhooks';

/**
 * The answers of the admin REST API the settings page reads. Every response is parsed with these
 * before use; unknown extra fields are dropped, so the server may add some.
 */

const Iso = z.string();

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export type Interval = [string, string];

export const BusinessHours = z.object({ timeZone: z.string(), days: z.partialRecord(z.enum(DAYS), z.array(z.tuple([z.string(), z.string()]))) });
export type BusinessHours = z.infer<typeof BusinessHours>;

export const PreChatField = z.object({ name: z.enum(['name', 'email']), required: z.boolean() });
export type PreChatField = z.infer<typeof PreChatField>;

/** What an admin controls per site (the server fills defaults, so every field is present). */
export const SiteSettings = z.object({
  color: z.string().nullable(),
  greeting: z.string().nullable(),
  position: z.enum(['left', 'right']).nullable(),
  locale: z.string().nullable(),
  launcherLabel: z.string().nullable(),
  preChatFields: z.array(PreChatField),
  assignMode: z.enum(['pick', 'auto']),
  requireVerification: z.boolean(),
  businessHours: BusinessHours.nullable(),
  reopenWindowMinutes: z.number(),
  /** Minutes the widget promises; null: the measured median. Absent from servers before it existed. */
  replyTimeMinutes: z.number().nullable().optional(),
  /** Absent from servers before attachments existed. */
  attachments: z.object({ enabled: z.boolean(), maxBytes: z.number(), kinds: z.array(z.enum(FILE_KINDS)) }).optional(),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

export const AdminSite = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  disabled: z.boolean().default(false),
  allowedOrigins: z.array(z.string()),
  settings: SiteSettings,
  createdAt: Iso.optional(),
  /** The embed tag as the server writes it; built here from this page's origin when absent. */
  snippet: z.string().optional(),
});
export type AdminSite = z.infer<typeof AdminSite>;
export const SitesResponse = z.object({ sites: z.array(AdminSite) });

export const SiteSecret = z.object({ secret: z.string(), previousSecretExpiresAt: Iso.nullable() });
export type SiteSecret = z.infer<typeof SiteSecret>;

export const AdminAgent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['agent', 'admin']),
  disabled: z.boolean(),
  capacity: z.number(),
  presence: z.string().optional(),
});
export type AdminAgent = z.infer<typeof AdminAgent>;
export const AgentsResponse = z.object({ agents: z.array(AdminAgent) });

export const Canned = z.object({ id: z.string(), shortcut: z.string(), text: z.string() });
export type Canned = z.infer<typeof Canned>;
export const CannedResponse = z.object({ items: z.array(Canned) });

export const WebhookEvent = WebhookEventType;
export type WebhookEvent = WebhookEventType;
export const WEBHOOK_EVENTS = WebhookEvent.options;

export const Webhook = z.object({
  id: z.string(),
  site: z.string(),
  url: z.string(),
  format: z.enum(['json', 'slack']),
  events: z.array(WebhookEvent),
  description: z.string(),
  active: z.boolean(),
  secretHint: z.string(),
  /** Only in the answer that created the webhook: shown once. */
  secret: z.string().optional(),
  createdAt: Iso,
});
export type Webhook = z.infer<typeof Webhook>;
export const WebhooksResponse = z.object({ webhooks: z.array(Webhook) });
export const WebhookResponse = z.object({ webhook: Webhook });

export const Delivery = z.object({
  id: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: Iso.nullable(),
  deliveredAt: Iso.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveriesResponse = z.object({ deliveries: z.array(Delivery) });
export const DeliveryResponse = z.object({ delivery: Delivery });

