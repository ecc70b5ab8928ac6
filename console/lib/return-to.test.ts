import { describe, expect, it } from 'vitest';
import { returnTarget, signInFor } from './return-to';

const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });

describe('return to the admin page after signing in', () => {
  it('names the admin page, its query and hash, in the sign-in link', () => {
    expect(signInFor(at('/agent/ops'))).toBe('/agent?next=%2Fagent%2Fops');
    expect(signInFor(at('/agent/settings', '', '#agents'))).toBe('/agent?next=%2Fagent%2Fsettings%23agents');
    expect(returnTarget('?next=%2Fagent%2Fsettings%23agents')).toBe('/agent/settings#agents');
    expect(returnTarget(signInFor(at('/agent/kb', '?article=returns')).slice('/agent'.length))).toBe('/agent/kb?article=returns');
  });

  it('sends anything else to the plain sign-in, and follows no link off this server', () => {
    expect(signInFor(at('/'))).toBe('/agent');
    expect(returnTarget('')).toBeNull();
    for (const next of ['https://evil.example/agent/ops', '//evil.example/agent/ops', '/agent/../x', '/\\evil.example', '/agent/ops\\@evil.example', 'javascript:alert(1)', '/demo']) {
      expect(returnTarget(`?next=${encodeURIComponent(next)}`), next).toBeNull();
    }
  });
});
