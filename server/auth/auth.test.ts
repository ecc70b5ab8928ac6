import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';
import { signVisitorToken, verifyUserHash, verifyVisitorToken } from './visitor-token';

describe('passwords', () => {
  it('verifies the right password and refuses others, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('visitor tokens', () => {
  const key = 'k'.repeat(32);
  it('round-trips and refuses tampering or another key', () => {
    const token = signVisitorToken({ visitorId: 'v1', siteId: 's1', generation: 3 }, key);
    expect(verifyVisitorToken(token, key)).toEqual({ visitorId: 'v1', siteId: 's1', generation: 3 });
    const forged = Buffer.from(JSON.stringify({ v: 'v2', s: 's1' })).toString('base64url') + '.' + token.split('.')[1];
    expect(verifyVisitorToken(forged, key)).toBeNull();
    expect(verifyVisitorToken(token, 'other-key')).toBeNull();
    expect(verifyVisitorToken('not a token', key)).toBeNull();
    expect(verifyVisitorToken('', key)).toBeNull();
  });

  it('reads tokens issued before generations existed as generation 0', () => {
    const body = Buffer.from(JSON.stringify({ v: 'v1', s: 's1' })).toString('base64url');
    const legacy = `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    expect(verifyVisitorToken(legacy, key)).toEqual({ visitorId: 'v1', siteId: 's1', generation: 0 });
  });
});

describe('identity verification', () => {
  const only = (secret: string) => ({ secret, previousSecret: null, previousSecretExpiresAt: null });
  const hashOf = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

  it('accepts HMAC-SHA256(site secret, userId) in hex and nothing else', () => {
    const hash = hashOf('secret', 'user-42');
    expect(verifyUserHash('user-42', hash, only('secret'))).toBe(true);
    expect(verifyUserHash('user-42', hash.toUpperCase(), only('secret'))).toBe(true);
    expect(verifyUserHash('user-43', hash, only('secret'))).toBe(false);
    expect(verifyUserHash('user-42', hash, only('other'))).toBe(false);
  });

  it('accepts the secret before a rotation until its grace ends, and not a moment after', () => {
    const rotatedAt = Date.UTC(2026, 0, 1, 12);
    const site = { secret: 'new', previousSecret: 'old', previousSecretExpiresAt: rotatedAt + 24 * 3_600_000 };
    const oldHash = hashOf('old', 'user-42');
    expect(verifyUserHash('user-42', oldHash, site, rotatedAt)).toBe(true);
    expect(verifyUserHash('user-42', oldHash, site, site.previousSecretExpiresAt - 1)).toBe(true);
    expect(verifyUserHash('user-42', oldHash, site, site.previousSecretExpiresAt)).toBe(false);
    expect(verifyUserHash('user-42', oldHash, site, site.previousSecretExpiresAt + 3_600_000)).toBe(false);
    // The new secret verifies throughout; the old one never verified another user.
    expect(verifyUserHash('user-42', hashOf('new', 'user-42'), site, rotatedAt)).toBe(true);
    expect(verifyUserHash('user-43', oldHash, site, rotatedAt)).toBe(false);
  });
});
