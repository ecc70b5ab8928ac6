import { describe, expect, it } from 'vitest';
import { generatePassword } from './password';

describe('generatePassword', () => {
  it('makes 16 characters without look-alikes, different each time', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(generatePassword()).not.toBe(a);
  });
  it('draws again for bytes that would favour some letters', () => {
    let calls = 0;
    // First call: only bytes at or above the cut-off (discarded); then zeros, which map to "a".
    const random = (a: Uint8Array) => a.fill(calls++ === 0 ? 255 : 0);
    expect(generatePassword(4, random)).toBe('aaaa');
    expect(calls).toBe(2);
  });
});
