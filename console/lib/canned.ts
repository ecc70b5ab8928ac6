/** A saved reply an agent inserts by typing `/shortcut` in the composer. */
export interface CannedResponse {
  id: string;
  shortcut: string;
  text: string;
}

export interface PlaceholderValues {
  'visitor.name': string | null;
  'visitor.email': string | null;
  'agent.name': string | null;
}

/**
 * Fills `{visitor.name}`-style placeholders. An unknown value becomes an empty string and the
 * space before it collapses, so "Hi {visitor.name}," reads "Hi," rather than "Hi {visitor.name},".
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/( ?)\{(visitor\.name|visitor\.email|agent\.name)\}/g, (_m, space: string, key: keyof PlaceholderValues) => {
    const value = values[key];
    return value ? `${space}${value}` : '';
  });
}

/**
 * The `/shortcut` being typed at the end of the composer text, if any: a slash at the start or
 * after whitespace, followed by word characters up to the caret.
 */
export function shortcutQuery(text: string): { query: string; start: number } | null {
  const m = /(^|\s)\/([\w-]*)$/.exec(text);
  if (!m) return null;
  return { query: m[2] ?? '', start: m.index + (m[1]?.length ?? 0) };
}

/** Canned responses whose shortcut starts with the query first, then those that merely contain it. */
export function matchCanned(items: readonly CannedResponse[], query: string, limit = 6): CannedResponse[] {
  const q = query.toLowerCase();
  const starts = items.filter((c) => c.shortcut.toLowerCase().startsWith(q));
  const contains = items.filter((c) => !c.shortcut.toLowerCase().startsWith(q) && (c.shortcut.toLowerCase().includes(q) || (q.length > 1 && c.text.toLowerCase().includes(q))));
  return [...starts, ...contains].slice(0, limit);
}
