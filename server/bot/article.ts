import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { lineText, multilineText } from '../../shared/text';
import { parseSimpleFrontMatter } from './front-matter';
import { placeholderIn } from './placeholder';

/** Article ids double as file names, so they are restricted to a safe slug. */
export const ArticleId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/i, 'id must be 1–100 letters, digits, "-" or "_", starting with a letter or digit');

const Text = (max: number) => lineText().trim().min(1).max(max);

/** YAML front matter of a KB Markdown file. */
export const FrontMatter = z.object({
  id: ArticleId.optional(),
  title: Text(200),
  questions: z.array(Text(500)).max(2000).default([]),
  tags: z.array(Text(60)).max(50).default([]),
  url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
  locale: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must look like "en" or "en-GB"').optional(),
});
export type FrontMatter = z.infer<typeof FrontMatter>;

/** Admin API input: front-matter fields plus the Markdown body. */
export const ArticleInput = FrontMatter.extend({
  id: ArticleId,
  body: multilineText().max(200_000).default(''),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

/** A validated article as read from the KB folder. */
export interface Article {
  id: string;
  title: string;
  questions: string[];
  tags: string[];
  url: string | null;
  locale: string | null;
  body: string;
}

export type ParseResult = { ok: true; article: Article } | { ok: false; error: string };

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`).join('; ');
}

/** Parses one Markdown file; `fileId` is the file name without `.md`, used when front matter has no `id`. */
export function parseArticleFile(source: string, fileId: string): ParseResult {
  const text = source.replace(/^\uFEFF/, '');
  const m = FENCE.exec(text);
  if (!m) return { ok: false, error: 'missing YAML front matter (the file must start with a line "---")' };
  let data: unknown;
  try {
    data = parseSimpleFrontMatter(m[1] ?? '') ?? parseYaml(m[1] ?? '');
  } catch (e) {
    return { ok: false, error: `invalid YAML front matter: ${(e as Error).message.split('\n')[0]}` };
  }
  const fm = FrontMatter.safeParse(data ?? {});
  if (!fm.success) return { ok: false, error: describe(fm.error) };
  const id = fm.data.id ?? fileId;
  const idOk = ArticleId.safeParse(id);
  if (!idOk.success) return { ok: false, error: `id "${id}": ${describe(idOk.error)}` };
  return { ok: true, article: toArticle({ ...fm.data, id: idOk.data, body: text.slice(m[0].length) }) };
}

/** A refused article: `fields` maps each bad field (`title`, `questions`, `body`…) to what is wrong with it. */
export type InputResult = { ok: true; article: Article } | { ok: false; error: string; fields: Record<string, string> };

/** Validates admin API input; unlike files on disk, a body that still holds a draft placeholder is refused. */
export function parseArticleInput(input: unknown): InputResult {
  const r = ArticleInput.safeParse(input);
  if (!r.success) {
    const fields: Record<string, string> = {};
    for (const issue of r.error.issues) fields[String(issue.path[0] ?? 'body')] ??= issue.message;
    return { ok: false, error: describe(r.error), fields };
  }
  const placeholder = placeholderIn(r.data.body);
  if (placeholder) {
    const message = `still has the draft placeholder "${placeholder}": write the answer before publishing`;
    return { ok: false, error: `body: ${message}`, fields: { body: message } };
  }
  return { ok: true, article: toArticle(r.data) };
}

function toArticle(a: ArticleInput): Article {
  return {
    id: a.id,
    title: a.title,
    questions: a.questions,
    tags: a.tags,
    url: a.url ?? null,
    locale: a.locale ?? null,
    body: a.body.trim(),
  };
}

/** The Markdown file written for an article; parses back to the same article. */
export function serialiseArticle(a: Article): string {
  const fm: Record<string, unknown> = { id: a.id, title: a.title };
  if (a.questions.length) fm.questions = a.questions;
  if (a.tags.length) fm.tags = a.tags;
  if (a.url) fm.url = a.url;
  if (a.locale) fm.locale = a.locale;
  return `---\n${stringifyYaml(fm).trimEnd()}\n---\n\n${a.body}\n`;
}
