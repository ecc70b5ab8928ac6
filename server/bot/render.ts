import { Marked } from 'marked';
import { FilterXSS } from 'xss';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * Tight allow-list: structure and emphasis only. No images, media, frames, forms, styles or
 * event attributes; links only to http(s)/mailto and always opened safely.
 */
const sanitizer = new FilterXSS({
  whiteList: {
    h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
    p: [], br: [], hr: [],
    ul: [], ol: ['start'], li: [],
    a: ['href', 'title', 'rel', 'target'],
    strong: [], b: [], em: [], i: [], code: [], pre: [], blockquote: [], del: [],
    table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'noscript'],
  allowCommentTag: false,
  onTagAttr(tag, name, value) {
    if (tag === 'a' && name === 'href') {
      const v = value.trim();
      return SAFE_URL.test(v) ? `href="${sanitizerEscape(v)}"` : '';
    }
    if (tag === 'a' && (name === 'rel' || name === 'target')) return '';
    return undefined;
  },
});

function sanitizerEscape(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown → HTML that is safe to put into a visitor's DOM. */
export function renderMarkdown(markdown: string): string {
  return sanitise(marked.parse(markdown) as string);
}

function sanitise(raw: string): string {
  const clean = sanitizer.process(raw);
  // Every surviving link opens in a new tab without giving the target page a handle on ours.
  return clean.replace(/<a /g, '<a rel="noopener noreferrer" target="_blank" ').trim();
}

/** Plain text of a Markdown body, for excerpts and indexing: one line per paragraph, list item, table row or heading. */
export function markdownToText(markdown: string): string {
  return htmlToText(marked.parse(markdown) as string);
}

export interface RenderedArticle {
  /** Plain text, one block per line (for indexing). */
  text: string;
  /** The prose of the body, without tables: what an excerpt is cut from ("Option Price Standard…" is not a summary). */
  lead: string;
  /** Safe HTML, rendered on first call. */
  html: () => string;
}

/**
 * Plain text and safe HTML of a body. The HTML is rendered and sanitised on first use: most
 * articles of a large KB are never shown between two reloads, and rendering all of them was a
 * fifth of the index build time (scripts/bot-bench.ts).
 */
export function renderArticle(markdown: string): RenderedArticle {
  const simple = simpleText(markdown);
  if (simple !== null) {
    let html: string | null = null;
    return { text: simple, lead: simple, html: () => (html ??= renderMarkdown(markdown)) };
  }
  const raw = marked.parse(markdown) as string;
  let html: string | null = null;
  const text = htmlToText(raw);
  const prose = /<table/i.test(raw) ? htmlToText(raw.replace(/<table[\s\S]*?<\/table>/gi, ' ')) : text;
  return { text, lead: prose || text, html: () => (html ??= sanitise(raw)) };
}

/** Only letters, digits, spaces and sentence punctuation: no character Markdown gives a meaning. */
const SIMPLE = /^[\p{L}\p{N} \n.,;:?!'’()/%–—-]*$/u;
/** Lines Markdown would turn into list numbers, rules or heading underlines. */
const SPECIAL_LINE = /^[ \t]*(?:\d+[.)](?:[ \t]|$)|[-=]+[ \t]*$|- *-)/m;

/**
 * The plain text of a body that is just paragraphs and "- " lists, without the Markdown parser;
 * null for anything else. Same result as parsing (checked on the demo and CLINC KBs), but a
 * fraction of the cost.
 */
function simpleText(markdown: string): string | null {
  if (!SIMPLE.test(markdown) || SPECIAL_LINE.test(markdown)) return null;
  // Blank lines end a paragraph and "- " starts a list item; other lines continue the block.
  return lines(markdown.replace(/\n[ \t]*(?=\n)/g, '\n').replace(/\n(?![ \t]*- |\n)/g, ' ').replace(/^[ \t]*- /gm, ''));
}

/** Block elements whose end is a line break in the plain text. */
const BLOCK_END = /<\/(?:p|li|tr|h[1-6]|blockquote|pre)>|<(?:br|hr)\s*\/?>/gi;

function htmlToText(html: string): string {
  return lines(
    decodeEntities(
      html
        .replace(/<(script|style|iframe)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/\s+/g, ' ')
        .replace(BLOCK_END, '\n')
        // Inline formatting joins its text to what follows ("**dispatch**." is "dispatch."); any other tag separates.
        .replace(/<\/?(?:strong|em|b|i|a|code|span|del|s|mark|sub|sup)(?:\s[^>]*)?>/gi, '')
        .replace(/<[^>]*>/g, ' '),
    ),
  );
}

/** One block (paragraph, list item, table row, heading) per line, spaces collapsed. */
function lines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/**
 * Body text split into passages of one or two sentences, each a phrasing the article answers. A
 * passage stays within its block (paragraph, list item, table row): joining a list item to the
 * next one, or a table row to the next paragraph, made phrasings about two things at once.
 */
export function passages(plain: string): string[] {
  const out: string[] = [];
  for (const block of plain.split('\n')) {
    const sentences = block.split(/(?<=[.!?:])\s+/).filter((s) => /[\p{L}\p{N}]{2}/u.test(s));
    for (let i = 0; i < sentences.length && out.length < 40; i += 2) out.push(sentences.slice(i, i + 2).join(' '));
  }
  return out;
}

/** First ~`max` characters of the text on one line, cut at a word boundary. */
export function excerpt(blocks: string, max = 200): string {
  const text = blocks.replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}
