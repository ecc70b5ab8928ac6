import { EMOJI } from './emoji-set';

export type Emoji = (typeof EMOJI)[number];

/** Emoji whose name or search words start with the query's words; matches on the name come first. */
export function searchEmoji(query: string): Emoji[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...EMOJI];
  const starts = (text: string, w: string) => text.split(' ').some((t) => t.startsWith(w));
  const inName = EMOJI.filter(([, name]) => words.every((w) => starts(name, w)));
  const inWords = EMOJI.filter(([, name, keywords]) => !inName.some((e) => e[1] === name) && words.every((w) => starts(`${name} ${keywords}`, w)));
  return [...inName, ...inWords];
}
