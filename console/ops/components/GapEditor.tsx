import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { GapDraft } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { PROBLEM_FIELD, articleBody, draftProblem, fieldsOf, type ArticleBody, type DraftFields } from '../lib/draft';
import type { SaveResult } from '../model/dashboard';

interface Props {
  draft: GapDraft;
  onSave(body: ArticleBody, replace: boolean): Promise<SaveResult>;
  onCancel(): void;
}

/** The drafted article of a gap, editable, saved into the knowledge base through the KB API. */
export function GapEditor({ draft, onSave, onCancel }: Props) {
  const { t } = useOpsI18n();
  const id = useId();
  const [fields, setFields] = useState<DraftFields>(() => fieldsOf(draft));
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<SaveResult | null>(null);
  /** What is wrong, shown next to the field it is about. */
  const [problem, setProblem] = useState<{ field: keyof DraftFields; message: string } | null>(null);
  const first = useRef<HTMLInputElement>(null);
  // Opened from the gap's button: the keyboard lands in the form, not back at the top.
  useEffect(() => first.current?.focus(), []);

  const invalid = (key: keyof DraftFields, help?: string) =>
    problem?.field === key ? { 'aria-invalid': true, 'aria-describedby': [`${id}-problem`, help].filter(Boolean).join(' ') } : {};
  const below = (key: keyof DraftFields) =>
    problem?.field === key && (
      <p class="form-error" role="alert" id={`${id}-problem`}>
        {problem.message}
      </p>
    );
  const set = (key: keyof DraftFields) => (e: Event) => {
    setFields({ ...fields, [key]: (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value });
    setResult(null);
  };

  const save = async (replace: boolean) => {
    const body = articleBody(fields);
    const p = draftProblem(body);
    setProblem(p ? { field: PROBLEM_FIELD[p], message: t(`editor.problem.${p}`) } : null);
    if (p) return;
    setPending(true);
    const r = await onSave(body, replace);
    setPending(false);
    // The server's refusal of one field goes next to that field, like ours.
    const [field, message] = Object.entries(r.kind === 'failed' ? (r.fields ?? {}) : {})[0] ?? [];
    const known = (['id', 'title', 'questions', 'tags', 'body'] as const).find((f) => f === field);
    if (known && message) setProblem({ field: known, message: t('editor.failed', { message }) });
    else setResult(r);
  };

  if (result?.kind === 'saved') {
    return (
      // Not a live region: the gap list announces the save (this gap then leaves the list).
      <p class="saved">
        ✓ {t('editor.saved', { title: result.title, id: result.id })}
      </p>
    );
  }

  return (
    <form
      class="editor"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <h4 id={`${id}-h`}>{t('editor.heading')}</h4>
      <label>
        {t('editor.title')}
        <input ref={first} value={fields.title} onInput={set('title')} required maxLength={200} {...invalid('title')} />
      </label>
      {below('title')}
      <label>
        {t('editor.id')}
        <input value={fields.id} onInput={set('id')} required aria-describedby={`${id}-idhelp`} spellcheck={false} {...invalid('id', `${id}-idhelp`)} />
      </label>
      {below('id')}
      <small id={`${id}-idhelp`} class="muted help">
        {t('editor.idHelp')}
      </small>
      <label>
        {t('editor.questions')}
        <textarea value={fields.questions} onInput={set('questions')} rows={4} {...invalid('questions')} />
      </label>
      {below('questions')}
      <label>
        {t('editor.tags')}
        <input value={fields.tags} onInput={set('tags')} {...invalid('tags')} />
      </label>
      {below('tags')}
      <label>
        {t('editor.body')}
        <textarea value={fields.body} onInput={set('body')} rows={6} {...invalid('body')} />
      </label>
      {below('body')}
      {result?.kind === 'failed' && (
        <p class="form-error" role="alert">
          {t('editor.failed', { message: result.message })}
        </p>
      )}
      {result?.kind === 'exists' && (
        <p class="warning" role="alert">
          {t('editor.exists', { id: result.id })}{' '}
          <button type="button" onClick={() => void save(true)} disabled={pending}>
            {t('editor.replace')}
          </button>
        </p>
      )}
      <div class="editor-actions">
        <button type="button" onClick={onCancel}>
          {t('editor.cancel')}
        </button>
        <button type="submit" class="primary" disabled={pending}>
          {pending ? t('editor.saving') : t('editor.save')}
        </button>
      </div>
    </form>
  );
}
