import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { AdminApiError } from '../../admin/rest';
import { type ArticleSource, type ArticleStats as Stats, type KbApi } from '../api';
import { useKbI18n } from '../i18n/index';
import { EMPTY_FIELDS, fieldsOf, inputOf, serverErrors, validate, type ArticleFields, type Field, type FieldErrors } from '../lib/form';
import { ArticleForm } from './ArticleForm';
import { ArticleStats } from './ArticleStats';
import { DeleteDialog } from './DeleteDialog';
import { NearbyGaps } from './NearbyGaps';

export type Target = { kind: 'new' } | { kind: 'edit'; id: string };

interface Props {
  api: Pick<KbApi, 'source' | 'save' | 'remove' | 'preview' | 'gaps' | 'addQuestions'>;
  target: Target;
  stats: Stats | null | 'unavailable';
  onSaved(source: ArticleSource, created: boolean): void;
  onDeleted(id: string, title: string): void;
  /** Whether the form holds changes that are not saved, so the page can ask before leaving them. */
  onDirty?(dirty: boolean): void;
}

type Status = { kind: 'loading' } | { kind: 'loadFailed'; message: string } | { kind: 'editing' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string } | { kind: 'invalid'; count: number };

/** Loads, edits, saves and deletes one article; every refusal lands next to its field. */
export function ArticleEditor({ api, target, stats, onSaved, onDeleted, onDirty }: Props) {
  const { t } = useKbI18n();
  const headingId = useId();
  const form = useRef<HTMLFormElement>(null);
  const existing = target.kind === 'edit';
  const [fields, setFields] = useState<ArticleFields>(EMPTY_FIELDS);
  /** The fields as last loaded or saved: anything else is unsaved work. */
  const [baseline, setBaseline] = useState<ArticleFields>(EMPTY_FIELDS);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(existing ? { kind: 'loading' } : { kind: 'editing' });
  const [confirming, setConfirming] = useState(false);
  const [focusError, setFocusError] = useState(0);

  useEffect(() => {
    if (target.kind === 'new') return;
    let current = true;
    api.source(target.id).then(
      (s) => {
        if (!current) return;
        setFields(fieldsOf(s));
        setBaseline(fieldsOf(s));
        setTitle(s.title);
        setStatus({ kind: 'editing' });
      },
      (e: Error) => current && setStatus({ kind: 'loadFailed', message: e.message }),
    );
    return () => {
      current = false;
    };
    // Loaded once per opening (the page remounts the editor for another article); a create turning into an edit keeps the form.
  }, []);

  const dirty = (Object.keys(fields) as Field[]).some((k) => fields[k] !== baseline[k]);
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);

  // After a refused save the keyboard lands on the first field to fix, whose error is read with it.
  useEffect(() => {
    if (focusError) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const change = (field: Field, value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    if (status.kind === 'saved' || status.kind === 'invalid') setStatus({ kind: 'editing' });
  };

  const refuse = (errs: FieldErrors) => {
    setErrors(errs);
    setStatus({ kind: 'invalid', count: Object.keys(errs).length });
    setFocusError((n) => n + 1);
  };

  const save = async () => {
    const input = inputOf(fields);
    const errs = validate(input, t);
    if (Object.keys(errs).length > 0) return refuse(errs);
    setStatus({ kind: 'saving' });
    try {
      const saved = await api.save(input, { create: !existing });
      setFields(fieldsOf(saved));
      setBaseline(fieldsOf(saved));
      setTitle(saved.title);
      setErrors({});
      setStatus({ kind: 'saved' });
      onSaved(saved, !existing);
    } catch (e) {
      if (e instanceof AdminApiError && e.status === 409) return refuse({ id: t('error.exists') });
      if (e instanceof AdminApiError && Object.keys(e.fields).length > 0) return refuse(serverErrors(e.fields));
      setStatus({ kind: 'failed', message: (e as Error).message });
    }
  };

  if (status.kind === 'loading') return <p class="muted" role="status">{t('kb.loading')}</p>;
  if (status.kind === 'loadFailed') {
    return (
      <p class="form-error" role="alert">
        {t('kb.loadFailed', { message: status.message })}
      </p>
    );
  }
  return (
    <form
      ref={form}
      class="kb-editor"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      // Ctrl+S / Cmd+S saves, as in any editor, instead of saving the page as a file.
      onKeyDown={(e) => {
        if (e.key.toLowerCase() !== 's' || !(e.ctrlKey || e.metaKey) || e.altKey) return;
        e.preventDefault();
        if (status.kind !== 'saving') void save();
      }}
    >
      <div class="kb-editor-head">
        <h2 id={headingId}>{existing ? t('form.editHeading', { title: title || fields.id }) : t('form.newHeading')}</h2>
        {stats !== null && existing && <ArticleStats stats={stats} />}
      </div>
      <ArticleForm api={api} fields={fields} errors={errors} existing={existing} onChange={change} />
      {target.kind === 'edit' && (
        <NearbyGaps
          api={api}
          articleId={target.id}
          onAdded={(added) => {
            // Already saved on the server: the baseline takes them too, so they do not count as unsaved.
            const append = (f: ArticleFields) => ({ ...f, questions: [f.questions.trim(), ...added].filter(Boolean).join('\n') });
            setFields(append);
            setBaseline(append);
          }}
        />
      )}
      <div class="kb-actions">
        <p class="kb-status" role="status">
          {status.kind === 'saving' && t('form.saving')}
          {status.kind === 'saved' && `✓ ${t('form.saved')}`}
          {status.kind === 'invalid' && <span class="form-error">{t('form.fixFields', { count: status.count })}</span>}
          {status.kind === 'failed' && <span class="form-error">{t('form.failed', { message: status.message })}</span>}
        </p>
        {existing && (
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            {t('form.delete')}
          </button>
        )}
        <button type="submit" class="primary" disabled={status.kind === 'saving'} aria-keyshortcuts="Control+S Meta+S">
          {existing ? t('form.save') : t('form.create')}
        </button>
      </div>
      {confirming && target.kind === 'edit' && (
        <DeleteDialog
          id={target.id}
          title={title}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await api.remove(target.id);
            onDeleted(target.id, title);
          }}
        />
      )}
    </form>
  );
}
