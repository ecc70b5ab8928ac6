import type { WireMessage } from '../../../shared/protocol/index';
import type { Locale } from '../../shared/locale';
import { en, type Strings } from './en';

const TABLES: Partial<Record<Locale, Strings>> = { en };

/**
 * The other languages are lazy chunks: an English visitor's first open neither downloads nor
 * compiles them, and any visitor fetches only their own.
 */
const CHUNKS: Record<Exclude<Locale, 'en'>, () => Promise<Strings>> = {
  es: () => import('./es').then((m) => m.es),
  de: () => import('./de').then((m) => m.de),
  ar: () => import('./ar').then((m) => m.ar),
};

/** The strings of `locale` once loaded (see `loadStrings`), English until then. */
export function stringsFor(locale: Locale): Strings {
  return TABLES[locale] ?? en;
}

export const hasStrings = (locale: Locale): boolean => locale in TABLES;

/** Fetches a language's strings once; a failed download falls back to English rather than no chat. */
export async function loadStrings(locale: Locale): Promise<Strings> {
  if (locale === 'en' || TABLES[locale]) return stringsFor(locale);
  try {
    TABLES[locale] = await CHUNKS[locale]();
  } catch {
    TABLES[locale] = en;
  }
  return TABLES[locale];
}

/** Fills `{name}` placeholders; unknown placeholders are left visible rather than silently dropped. */
export function format(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export type Translator = Strings;

function has<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/**
 * The text to show for a message in the visitor's language: smalltalk replies, escalation notices
 * and system events are keys we translate; everything else is what a person or the bot wrote.
 */
export function describeMessage(m: WireMessage, t: Strings): string {
  if (m.system) {
    const template = t.system[m.system.event];
    return format(template, { name: m.system.name ?? m.authorName ?? t.agent });
  }
  const bot = m.bot;
  // For answers and suggestions `text` is an English fallback for clients without cards; we draw cards.
  if (bot?.type === 'answer') return '';
  if (bot?.type === 'suggest') return t.suggestions;
  if (bot?.type === 'smalltalk') return has(t.smalltalk, bot.reply) ? t.smalltalk[bot.reply] : m.text;
  if (bot?.type === 'escalate') {
    const why = t.escalation[bot.reason];
    return `${why} ${bot.mode === 'offer' ? t.escalateOffer : t.escalateStart}`;
  }
  return m.text;
}

/**
 * What `Chat('on', 'message', cb)` hands the host page: the words the visitor saw, in their language. An answer
 * is drawn as a card, so its text is the article's title rather than the server's English fallback.
 */
export function eventText(m: WireMessage, t: Strings): string {
  if (m.bot?.type === 'answer') return m.bot.article.title;
  return describeMessage(m, t);
}
