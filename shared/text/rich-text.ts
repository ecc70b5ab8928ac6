/**
 * The small, safe formatting people may use in chat messages: links (http/https/mailto only), **bold**,
 * *italics* or _italics_, `code`, and lists ("- item", "1. item"). Parsed into plain data that clients turn
 * into elements (never HTML strings), so nothing a visitor or agent types can become markup.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'code'; text: string }
  | { kind: 'link'; href: string; text: string };

export type Block = { kind: 'paragraph'; lines: Inline[][] } | { kind: 'list'; ordered: boolean; items: Inline[][] };

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)|((?:https?:\/\/|mailto:)[^\s<>"']+[^\s<>"'.,;:!?)\]])/gi;
const ITEM = /^\s*(?:([-*•])|(\d{1,3})[.)])\s+(.*)$/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    const index = m.index ?? 0;
    if (index > at) out.push({ kind: 'text', text: text.slice(at, index) });
    const [whole, code, bold, italic, link] = m;
    if (code) out.push({ kind: 'code', text: code.slice(1, -1) });
    else if (bold) out.push({ kind: 'bold', text: bold.slice(2, -2) });
    else if (italic) out.push({ kind: 'italic', text: italic.slice(1, -1) });
    else if (link) out.push({ kind: 'link', href: link, text: link });
    at = index + whole.length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

export function parseRichText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split('\n')) {
    const item = ITEM.exec(line);
    const last = blocks.at(-1);
    if (item) {
      const ordered = item[2] !== undefined;
      const inline = parseInline(item[3] ?? '');
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(inline);
      else blocks.push({ kind: 'list', ordered, items: [inline] });
    } else if (last?.kind === 'paragraph') last.lines.push(parseInline(line));
    else blocks.push({ kind: 'paragraph', lines: [parseInline(line)] });
  }
  return blocks;
}
