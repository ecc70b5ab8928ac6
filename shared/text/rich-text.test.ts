import { describe, expect, it } from 'vitest';
import { parseInline, parseRichText } from './rich-text';

describe('rich text', () => {
  it('finds links, bold, italics and code, leaving the rest as text', () => {
    expect(parseInline('See **this** and _that_ at https://shop.example/a?b=1. Run `npm i`')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'bold', text: 'this' },
      { kind: 'text', text: ' and ' },
      { kind: 'italic', text: 'that' },
      { kind: 'text', text: ' at ' },
      { kind: 'link', href: 'https://shop.example/a?b=1', text: 'https://shop.example/a?b=1' },
      { kind: 'text', text: '. Run ' },
      { kind: 'code', text: 'npm i' },
    ]);
  });

  it('never links a script or data URL, and markup stays text', () => {
    const parts = parseInline('javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror=alert(1)>');
    expect(parts.every((p) => p.kind === 'text')).toBe(true);
  });

  it('groups "- " and "1. " lines into lists, other lines into paragraphs', () => {
    expect(parseRichText('Steps:\n1. Open *Orders*\n2. Click Return\nThanks\n- a\n- b')).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'Steps:' }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'Open ' }, { kind: 'italic', text: 'Orders' }], [{ kind: 'text', text: 'Click Return' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'Thanks' }]] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
    ]);
  });

  it('leaves a lone asterisk or a multiplication alone', () => {
    expect(parseInline('2 * 3 = 6')).toEqual([{ kind: 'text', text: '2 * 3 = 6' }]);
  });
});
