import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFile, parseEmoji, renderEmojiModule, sourceFile } from '../../scripts/generate-emoji';
import { searchEmoji } from './search';

describe('the console emoji set', () => {
  it('is what scripts/generate-emoji.ts makes of emoji.txt today (run it if not)', () => {
    expect(readFileSync(generatedFile, 'utf8')).toBe(renderEmojiModule(parseEmoji(readFileSync(sourceFile, 'utf8'))));
  });

  it('refuses a malformed line or a duplicate, naming the line', () => {
    expect(() => parseEmoji('😀 grinning face')).toThrow(/line 1/);
    expect(() => parseEmoji('😀 a | x\n😀 b | y')).toThrow(/line 2: 😀 is listed twice/);
  });

  it('finds emoji by name or search word, names first, case-insensitively', () => {
    expect(searchEmoji('').length).toBeGreaterThan(50);
    expect(searchEmoji('THUMBS').map((e) => e[0])).toEqual(['👍', '👎']);
    const parcel = searchEmoji('parcel').map((e) => e[0]);
    expect(parcel).toContain('📦');
    expect(searchEmoji('heart')[0]![1]).toMatch(/heart/);
    expect(searchEmoji('zzzz')).toEqual([]);
  });
});
