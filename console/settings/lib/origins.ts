/**
 * An allowed origin as the server stores it (`scheme://host[:port]`), or null when the text is
 * not an http(s) address. Paths are dropped: the browser sends only the origin.
 */
export function toOrigin(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}
