import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Reply-To addresses that map a visitor's email reply back to its conversation:
 * `reply+<conversationId>.<mac>@domain`. The MAC (HMAC-SHA256, 128 bits) makes them unguessable,
 * so no one can post into a conversation by writing to a made-up address.
 */
const mac = (key: string, conversationId: string) => createHmac('sha256', key).update(`reply:${conversationId}`).digest('base64url').slice(0, 22);

export function replyAddress(key: string, conversationId: string, domain: string): string {
  return `reply+${conversationId}.${mac(key, conversationId)}@${domain}`;
}

/** The conversation a reply address names, or null when it is not one of ours or its MAC is forged. */
export function conversationOfReplyAddress(key: string, address: string): string | null {
  const m = /^reply\+([0-9a-f-]{36})\.([\w-]{22})@/i.exec(address.trim());
  if (!m) return null;
  const [, id, given] = m as unknown as [string, string, string];
  const expected = Buffer.from(mac(key, id.toLowerCase()));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id.toLowerCase() : null;
}

/** Every mail about one conversation refers to this root, so mail clients keep them in one thread. */
export const threadRoot = (conversationId: string, domain: string) => `<conversation.${conversationId}@${domain}>`;
