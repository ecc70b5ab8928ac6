import { useId } from 'preact/hooks';
import { useKbI18n } from '../i18n/index';
import type { ArticleFields, Field, FieldErrors } from '../lib/form';
import { FieldRow } from './FieldRow';
import { MarkdownPreview } from './MarkdownPreview';
import type { KbApi } from '../api';

interface Props {
  api: Pick<KbApi, 'preview'>;
  fields: ArticleFields;
  errors: FieldErrors;
  /** Editing an existing article: its id names its file and stays fixed. */
  existing: boolean;
  onChange(field: Field, value: string): void;
}

/** The article's fields, each with its inline error, and the Markdown body beside its live preview. */
export function ArticleForm({ api, fields, errors, existing, onChange }: Props) {
  const { t } = useKbI18n();
  const base = useId();
  const id = (f: Field) => `${base}-${f}`;
  const input = (f: Field) => (e: Event) => onChange(f, (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
  return (
    <div class="kb-form">
      <FieldRow id={id('title')} label={t('form.title')} error={errors.title}>
        {(a) => <input {...a} name="title" value={fields.title} onInput={input('title')} maxLength={200} />}
      </FieldRow>
      <FieldRow id={id('id')} label={t('form.id')} error={errors.id} help={existing ? t('form.idFixed') : t('form.idHelp', { id: fields.id || '…' })}>
        {(a) => <input {...a} name="id" value={fields.id} onInput={input('id')} readOnly={existing} spellcheck={false} autocomplete="off" />}
      </FieldRow>
      <FieldRow id={id('questions')} label={t('form.questions')} error={errors.questions} help={t('form.questionsHelp')}>
        {(a) => <textarea {...a} name="questions" value={fields.questions} onInput={input('questions')} rows={5} />}
      </FieldRow>
      <div class="kb-pair">
        <FieldRow id={id('tags')} label={t('form.tags')} error={errors.tags} help={t('form.tagsHelp')}>
          {(a) => <input {...a} name="tags" value={fields.tags} onInput={input('tags')} />}
        </FieldRow>
        <FieldRow id={id('locale')} label={t('form.locale')} error={errors.locale}>
          {(a) => <input {...a} name="locale" value={fields.locale} onInput={input('locale')} size={8} spellcheck={false} />}
        </FieldRow>
      </div>
      <FieldRow id={id('url')} label={t('form.url')} error={errors.url}>
        {(a) => <input {...a} name="url" type="url" value={fields.url} onInput={input('url')} spellcheck={false} />}
      </FieldRow>
      <div class="kb-body">
        <FieldRow id={id('body')} label={t('form.body')} error={errors.body}>
          {(a) => <textarea {...a} name="body" class="kb-markdown" value={fields.body} onInput={input('body')} rows={14} spellcheck />}
        </FieldRow>
        <MarkdownPreview api={api} markdown={fields.body} />
      </div>
    </div>
  );
}
