import { describe, expect, it } from 'vitest';
import { toOrigin } from './origins';

describe('toOrigin', () => {
  it('keeps scheme, host and port, and drops paths', () => {
    expect(toOrigin(' https://shop.example.com/some/page?x=1 ')).toBe('https://shop.example.com');
    expect(toOrigin('http://localhost:8080')).toBe('http://localhost:8080');
  });
  it('refuses what a browser never sends as an origin', () => {
    for (const bad of ['', 'shop.example.com', 'ftp://files.example', 'javascript:alert(1)', 'https://user:pw@shop.example']) expect(toOrigin(bad), bad).toBeNull();
  });
});
