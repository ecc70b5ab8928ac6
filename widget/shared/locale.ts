/** Locales the widget ships strings for; anything else falls back to English. */
export const LOCALES = ['en', 'es', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

const RTL: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

/** First candidate we have strings for, matching on the language part ("es-MX" → "es"). */
export function pickLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const c of candidates) {
    const lang = c?.toLowerCase().split(/[-_]/)[0];
    const hit = LOCALES.find((l) => l === lang);
    if (hit) return hit;
  }
  return 'en';
}

export function isRtl(locale: string): boolean {
  return RTL.has(locale.toLowerCase().split(/[-_]/)[0] ?? '');
}
