import { useId, useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog';
import { useKbI18n } from '../i18n/index';

interface Props {
  id: string;
  title: string;
  onCancel(): void;
  /** Deletes; a rejection keeps the dialog open with the reason. */
  onConfirm(): Promise<void>;
}

/** "Delete this article?": the safe choice has focus first, Escape keeps the article. */
export function DeleteDialog({ id, title, onCancel, onConfirm }: Props) {
  const { t } = useKbI18n();
  const headingId = useId();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const confirm = () => {
    setPending(true);
    onConfirm().catch((e: Error) => {
      setPending(false);
      setFailed(e.message);
    });
  };
  return (
    <Dialog labelledBy={headingId} onClose={onCancel}>
      <h2 id={headingId}>{t('delete.heading', { title })}</h2>
      <p>{t('delete.text', { id })}</p>
      {failed && (
        <p class="form-error" role="alert">
          {t('delete.failed', { message: failed })}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('delete.cancel')}
        </button>
        <button type="button" class="danger-solid" onClick={confirm} disabled={pending}>
          {t('delete.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
