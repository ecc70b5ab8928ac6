import { describe, expect, it } from 'vitest';
import { accentPair, parseHex } from './color';

type Rgb = [number, number, number];

/** Exact WCAG 2 contrast, independent of the approximation the widget uses. */
function wcagContrast(a: Rgb, b: Rgb): number {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const lum = ([r, g, bl]: Rgb) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('accentPair', () => {
  it('puts white text on dark brand colours and dark text on light ones', () => {
    expect(accentPair('#000080').onAccent).toBe('#ffffff');
    expect(accentPair('#ffd400').onAccent).toBe('#000000');
    expect(accentPair('#7fffd4').onAccent).toBe('#000000');
  });

  it('reaches WCAG AA (4.5:1) for any brand colour', () => {
    for (let r = 0; r <= 255; r += 15) {
      for (let g = 0; g <= 255; g += 15) {
        for (let b = 0; b <= 255; b += 15) {
          const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
          const { onAccent } = accentPair(hex);
          expect(wcagContrast([r, g, b], parseHex(onAccent)!), hex).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it('falls back to the default accent for values that are not colours', () => {
    expect(accentPair('red; background:url(x)').accent).toBe('#1f5fd1');
    expect(accentPair(null).accent).toBe('#1f5fd1');
    expect(accentPair('0a0').accent).toBe('#0a0');
  });

  it('default accent meets AA with its text', () => {
    const { accent, onAccent } = accentPair(null);
    expect(wcagContrast(parseHex(accent)!, parseHex(onAccent)!)).toBeGreaterThanOrEqual(4.5);
  });
});
