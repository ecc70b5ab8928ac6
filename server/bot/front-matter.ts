/**
 * A fast path for the front matter most KB files have: `key: text`, `key: [a, b]` and
 * `key:` followed by `  - text` lines, all plain text. Loading the `yaml` library's parser for
 * 1,000 such files cost about 0.3 s of CPU in a fresh process (scripts/bot-bench.ts), most of it
 * warming the parser up. Anything outside that subset (quotes, comments, blank lines, numbers,
 * booleans, nesting, duplicate keys, `: ` or ` #` inside text) returns null and goes to `yaml`,
 * so the result is always what `yaml` would produce.
 */

/** Plain text that YAML reads as the same string: starts with a letter, no indicators. */
const PLAIN = /^\p{L}[\p{L}\p{N} .,;?!'’()/&+=%$€£–—-]*$/u;
/** URLs and times may contain ':' as long as no ': ' or ' #' turns part of them into syntax. */
const PLAIN_WITH_COLON = /^\p{L}[\p{L}\p{N} .,;?!'’()/&+=%$€£–—:@~_-]*$/u;
const KEY = /^([a-z][a-zA-Z0-9_]*):(?:[ \t]+(.*?))?[ \t]*$/;
const ITEM = /^ {2}- (.*?)[ \t]*$/;
/** Words YAML 1.2 reads as booleans or null. */
const SPECIAL = /^(?:true|false|null|~)$/i;

function scalar(text: string, allowColon: boolean): string | null {
  if (SPECIAL.test(text)) return null;
  if (!(allowColon ? PLAIN_WITH_COLON : PLAIN).test(text)) return null;
  if (allowColon && (/:(\s|$)/.test(text) || text.includes(' #'))) return null;
  return text;
}

export function parseSimpleFrontMatter(source: string): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i] as string);
    if (!m) return null;
    const key = m[1] as string;
    if (key in out) return null;
    const value = m[2];
    if (value === undefined || value === '') {
      const items: string[] = [];
      while (i + 1 < lines.length) {
        const item = ITEM.exec(lines[i + 1] as string);
        if (!item) break;
        const s = scalar(item[1] as string, true);
        if (s === null) return null;
        items.push(s);
        i++;
      }
      if (items.length === 0) return null;
      out[key] = items;
    } else if (value.startsWith('[')) {
      if (!value.endsWith(']')) return null;
      const inner = value.slice(1, -1).trim();
      const items = inner === '' ? [] : inner.split(',').map((x) => scalar(x.trim(), false));
      if (items.some((x) => x === null)) return null;
      out[key] = items;
    } else {
      const s = scalar(value, true);
      if (s === null) return null;
      out[key] = s;
    }
  }
  return out;
}
