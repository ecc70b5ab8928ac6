import type { ArticleInput, ArticleSource } from '../api';
import type { KbTranslate } from '../i18n/index';
import { kbList } from '../../lib/kb-lists';

/** The editor's fields as an admin types them: questions one per line, tags comma-separated. */
export interface ArticleFields {
  id: string;
  title: string;
  questions: string;
  tags: string;
  url: string;
  locale: string;
  body: string;
}
export type Field = keyof ArticleFields;
export type FieldErrors = Partial<Record<Field, string>>;

export const EMPTY_FIELDS: ArticleFields = { id: '', title: '', questions: '', tags: '', url: '', locale: '', body: '' };

// The limits the server applies (server/bot/article.ts); checking first puts the message next to the field at once.
const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/i;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const MAX = { title: 200, question: 500, tag: 60, url: 2000, body: 200_000 } as const;
// The same rule as server/bot/placeholder.ts: the server refuses these too; this only says so sooner.
const MARKER = /^\s*(?:[-*>#]\s*)*(?:TODO|TBD|FIXME)\s*(?::|$)/;

export function fieldsOf(a: ArticleSource): ArticleFields {
  return { id: a.id, title: a.title, questions: a.questions.join('\n'), tags: a.tags.join(', '), url: a.url ?? '', locale: a.locale ?? '', body: a.body };
}

export function inputOf(f: ArticleFields): ArticleInput {
  const locale = f.locale.trim();
  return {
    id: f.id.trim(),
    title: f.title.trim(),
    questions: kbList(f.questions.split(/\r?\n/)),
    tags: kbList(f.tags.split(',')),
    url: f.url.trim() || null,
    ...(locale ? { locale } : {}),
    body: f.body.trim(),
  };
}

/** The placeholder line a draft still carries, or null. */
export function placeholderLine(body: string): string | null {
  for (const line of body.split(/\r?\n/)) if (MARKER.test(line) || /todo: write the answer/i.test(line)) return line.trim().slice(0, 120);
  return null;
}

/** Every field the server would refuse, each with a translated message. */
export function validate(input: ArticleInput, t: KbTranslate): FieldErrors {
  const e: FieldErrors = {};
  if (!ID.test(input.id)) e.id = input.id ? t('error.id') : t('error.required');
  if (!input.title) e.title = t('error.required');
  else if (input.title.length > MAX.title) e.title = t('error.tooLong', { max: MAX.title });
  if (input.questions.some((q) => q.length > MAX.question)) e.questions = t('error.tooLong', { max: MAX.question });
  if (input.tags.some((x) => x.length > MAX.tag)) e.tags = t('error.tooLong', { max: MAX.tag });
  if (input.url && (!/^https?:\/\/\S+$/i.test(input.url) || input.url.length > MAX.url)) e.url = t('error.url');
  if (input.locale && !LOCALE.test(input.locale)) e.locale = t('error.locale');
  const placeholder = placeholderLine(input.body);
  if (placeholder) e.body = t('form.placeholderWarning', { line: placeholder });
  else if (input.body.length > MAX.body) e.body = t('error.tooLong', { max: MAX.body });
  return e;
}

const FIELDS: readonly Field[] = ['id', 'title', 'questions', 'tags', 'url', 'locale', 'body'];

/** The server's per-field messages mapped onto the form's fields (unknown names go to `body`). */
export function serverErrors(fields: Record<string, string>): FieldErrors {
  const e: FieldErrors = {};
  for (const [name, message] of Object.entries(fields)) {
    const field = FIELDS.find((f) => f === name) ?? 'body';
    e[field] ??= message;
  }
  return e;
}
