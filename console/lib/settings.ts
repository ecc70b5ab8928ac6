import type { Locale } from '../i18n/index';

/** Per-browser preferences. Storage can be blocked or full, so it never throws and falls back to memory. */
export interface Settings {
  sound: boolean;
  locale: Locale | null;
}

const KEY = 'console.settings';
const defaults: Settings = { sound: false, locale: null };
let memory: Settings = defaults;

export function loadSettings(): Settings {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return memory;
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return memory;
    const r = data as Record<string, unknown>;
    return { sound: r.sound === true, locale: r.locale === 'en' || r.locale === 'es' ? r.locale : null };
  } catch {
    return memory;
  }
}

export function saveSettings(s: Settings): void {
  memory = s;
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // Private mode or quota: the in-memory copy lasts for this tab.
  }
}
