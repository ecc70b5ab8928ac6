import { useState } from 'preact/hooks';
import type { Canned } from '../api';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { useResource } from '../../ops/model/resource';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine, Panel } from './Panel';
import { DataTable } from '../../components/DataTable';

const SHORTCUT = /^[a-z0-9_-]{1,32}$/i;

/** Saved replies agents insert by typing `/shortcut` in the composer: the list, editing, adding, deleting. */
export function CannedScreen({ api }: { api: SettingsApi }) {
  const { t } = useSettingsI18n();
  const [items, reload] = useResource(() => api.canned(), 'canned');
  const [editing, setEditing] = useState<Canned | null>(null);
  const list = useSubmit();

  const remove = async (c: Canned) => {
    if (await list.run(() => api.deleteCanned(c.id), () => t('canned.deleted', { shortcut: c.shortcut }), (m) => t('settings.notSaved', { message: m }))) reload();
    if (editing?.id === c.id) setEditing(null);
  };

  return (
    <>
      <Panel id="canned-list" heading={t('canned.heading')} resource={items} retry={reload}>
        {(rows) =>
          rows.length === 0 ? (
            <p class="muted">{t('canned.empty')}</p>
          ) : (
            <DataTable caption={t('canned.heading')} hideCaption columns={[t('canned.shortcut'), t('canned.text'), t('canned.actions')]}>
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <code>/{c.shortcut}</code>
                  </th>
                  <td class="text">{c.text}</td>
                  <td class="row-actions">
                    <button type="button" onClick={() => setEditing(c)} aria-label={t('canned.editOne', { shortcut: c.shortcut })}>
                      {t('canned.edit')}
                    </button>
                    <button type="button" class="danger" onClick={() => void remove(c)} aria-label={t('canned.deleteOne', { shortcut: c.shortcut })}>
                      {t('canned.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Panel>
      <FeedbackLine feedback={list.feedback} />
      <CannedForm
        key={editing?.id ?? 'new'}
        api={api}
        editing={editing}
        onDone={() => {
          setEditing(null);
          reload();
        }}
        onCancel={() => setEditing(null)}
      />
    </>
  );
}

interface FormProps {
  api: SettingsApi;
  editing: Canned | null;
  onDone(): void;
  onCancel(): void;
}

function CannedForm({ api, editing, onDone, onCancel }: FormProps) {
  const { t } = useSettingsI18n();
  const [shortcut, setShortcut] = useState(editing?.shortcut ?? '');
  const [text, setText] = useState(editing?.text ?? '');
  const [touched, setTouched] = useState(false);
  const { pending, feedback, run } = useSubmit();
  const shortcutOk = SHORTCUT.test(shortcut.trim().replace(/^\//, ''));

  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched(true);
    if (!shortcutOk || !text.trim()) return;
    const input = { shortcut: shortcut.trim().replace(/^\//, ''), text: text.trim() };
    const saved = await run(() => (editing ? api.updateCanned(editing.id, input) : api.createCanned(input)), (c) => t('canned.saved', { shortcut: c.shortcut }), (m) => t('settings.notSaved', { message: m }));
    if (!saved) return;
    setShortcut('');
    setText('');
    setTouched(false);
    onDone();
  };

  return (
    <section class="panel" aria-labelledby="canned-form-h">
      <h3 id="canned-form-h">{editing ? t('canned.editing', { shortcut: editing.shortcut }) : t('canned.add')}</h3>
      <form class="editor" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t('canned.shortcut')}
          <input value={shortcut} onInput={(e) => setShortcut(e.currentTarget.value)} maxLength={33} aria-invalid={touched && !shortcutOk} aria-describedby="shortcut-help" autoComplete="off" />
        </label>
        <p id="shortcut-help" class={touched && !shortcutOk ? 'form-error' : 'muted'}>
          {t('canned.shortcutHelp')}
        </p>
        <label>
          {t('canned.text')}
          <textarea value={text} onInput={(e) => setText(e.currentTarget.value)} rows={4} maxLength={4000} aria-invalid={touched && !text.trim()} aria-describedby="canned-text-help" />
        </label>
        <p id="canned-text-help" class={touched && !text.trim() ? 'form-error' : 'muted'}>
          {t('canned.textHelp')}
        </p>
        <div class="row-actions">
          <button type="submit" class="primary" disabled={pending}>
            {editing ? t('canned.saveEdit') : t('canned.addButton')}
          </button>
          {editing && (
            <button type="button" onClick={onCancel}>
              {t('settings.cancel')}
            </button>
          )}
        </div>
        <FeedbackLine feedback={feedback} />
      </form>
    </section>
  );
}
