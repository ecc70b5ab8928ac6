import { z } from 'zod';
import { lineText, SiteKey } from '../../shared/text';
import { WEBHOOK_EVENTS, WebhookEventType } from '../../shared/webhooks';

export { WEBHOOK_EVENTS, WebhookEventType };

/** `json`: our signed event body. `slack`: a Slack incoming-webhook `{ text }` message (meant for escalations). */
export const WebhookFormat = z.enum(['json', 'slack']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

const Url = z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// URL' }).max(2_000);
const Events = z.array(WebhookEventType).min(1, 'choose at least one event').transform((list) => [...new Set(list)]);
const Description = lineText().trim().max(200);

export const CreateWebhook = z.strictObject({
  /** The site's public key. */
  site: SiteKey,
  url: Url,
  events: Events,
  format: WebhookFormat.default('json'),
  description: Description.default(''),
  active: z.boolean().default(true),
});
export type CreateWebhook = z.infer<typeof CreateWebhook>;

export const UpdateWebhook = z.strictObject({
  url: Url.optional(),
  events: Events.optional(),
  format: WebhookFormat.optional(),
  description: Description.optional(),
  active: z.boolean().optional(),
  /** Replaces the signing secret; the new one is returned once. */
  rotateSecret: z.literal(true).optional(),
});
export type UpdateWebhook = z.infer<typeof UpdateWebhook>;

export const DeliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface Webhook {
  id: string;
  siteId: string;
  siteKey: string;
  url: string;
  format: WebhookFormat;
  events: WebhookEventType[];
  secret: string;
  description: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}
