import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const HEADERS = {
  /** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret>`. */
  signature: 'x-webhook-signature',
  /** Unix seconds when this attempt was sent; receivers reject stale ones to stop replays. */
  timestamp: 'x-webhook-timestamp',
  /** The delivery id: the same on every retry of one event, for de-duplication. */
  delivery: 'x-webhook-delivery',
  event: 'x-webhook-event',
} as const;

export const newSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute the signature over the raw body and check the timestamp is
 * within `toleranceSec` of its clock. Exported for tests and as the reference for receivers.
 */
export function verify(secret: string, body: string, timestamp: string | undefined, signature: string | undefined, nowSec = Date.now() / 1000, toleranceSec = 300): boolean {
  const ts = Number(timestamp);
  if (!signature || !Number.isInteger(ts) || Math.abs(nowSec - ts) > toleranceSec) return false;
  const expected = Buffer.from(sign(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
