import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Visitor } from '../store/types';

/** `generation` is absent from tokens issued before revocation existed; they count as generation 0. */
export interface VisitorClaims { visitorId: string; siteId: string; generation: number }

/**
 * A visitor's bearer token: their ids and token generation, signed with the installation key. It
 * binds a browser to its own visitor record and nothing else; ids alone (guessed or replayed) grant nothing.
 */
export function signVisitorToken(claims: VisitorClaims, key: string): string {
  const body = Buffer.from(JSON.stringify({ v: claims.visitorId, s: claims.siteId, g: claims.generation })).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

export function verifyVisitorToken(token: string, key: string): VisitorClaims | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.split('.').length !== 2) return null;
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const data: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof data !== 'object' || data === null) return null;
    const { v, s, g = 0 } = data as Record<string, unknown>;
    return typeof v === 'string' && typeof s === 'string' && Number.isSafeInteger(g) ? { visitorId: v, siteId: s, generation: g as number } : null;
  } catch {
    return null;
  }
}

/**
 * Token lifetime and revocation. Expiry slides: a token works while its visitor was seen within
 * `ttlMs` (every connection renews it), so a returning visitor keeps their history and an
 * abandoned browser's token dies. Revocation bumps the visitor's generation in the database.
 */
export class VisitorTokens {
  constructor(
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  issue(visitor: Pick<Visitor, 'id' | 'siteId' | 'tokenGeneration'>): string {
    return signVisitorToken({ visitorId: visitor.id, siteId: visitor.siteId, generation: visitor.tokenGeneration }, this.key);
  }

  claims(token: string): VisitorClaims | null {
    return verifyVisitorToken(token, this.key);
  }

  /** Whether `claims` still open `visitor`: same site, current generation, seen recently enough. */
  accepts(claims: VisitorClaims, visitor: Visitor | undefined, now = Date.now()): visitor is Visitor {
    return !!visitor && visitor.siteId === claims.siteId && visitor.tokenGeneration === claims.generation && now - visitor.lastSeenAt <= this.ttlMs;
  }
}

function mac(body: string, key: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** The secrets a site verifies `userHash` with: the current one, and the one before a rotation while its grace lasts. */
export interface SiteSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
}

/**
 * Identity verification: the site proves a user id with HMAC-SHA256(site secret, userId), hex.
 * After a rotation the previous secret still verifies until its grace period ends, so pages
 * deployed with the old secret keep working while the new one rolls out.
 */
export function verifyUserHash(userId: string, userHash: string, site: SiteSecrets, now = Date.now()): boolean {
  if (hashMatches(userId, userHash, site.secret)) return true;
  const inGrace = site.previousSecret !== null && site.previousSecretExpiresAt !== null && now < site.previousSecretExpiresAt;
  return inGrace && hashMatches(userId, userHash, site.previousSecret!);
}

function hashMatches(userId: string, userHash: string, secret: string): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(userId).digest('hex'));
  const given = Buffer.from(userHash.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
