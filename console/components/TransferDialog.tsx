import { useEffect, useState } from 'preact/hooks';
import type { AgentListEntry } from '../api/schemas';
import { useT } from '../i18n/index';
import { Dialog } from './Dialog';

interface Props {
  myId: string;
  loadAgents(): Promise<AgentListEntry[]>;
  onTransfer(toAgentId: string | null, note: string): void;
  onClose(): void;
}

const QUEUE = '';

/** Hand the chat to a colleague or back to the queue, with a note the next agent reads first. */
export function TransferDialog({ myId, loadAgents, onTransfer, onClose }: Props) {
  const t = useT();
  const [agents, setAgents] = useState<AgentListEntry[] | null>(null);
  const [to, setTo] = useState(QUEUE);
  const [note, setNote] = useState('');

  useEffect(() => {
    let live = true;
    loadAgents().then(
      (list) => live && setAgents(list.filter((a) => a.id !== myId)),
      () => live && setAgents([]),
    );
    return () => {
      live = false;
    };
  }, [loadAgents, myId]);

  return (
    <Dialog labelledBy="transfer-title" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onTransfer(to === QUEUE ? null : to, note);
        }}
      >
        <h2 id="transfer-title">{t('transfer.heading')}</h2>
        <label>
          {t('transfer.to')}
          <select value={to} onChange={(e) => setTo(e.currentTarget.value)} aria-busy={agents === null}>
            <option value={QUEUE}>{t('transfer.queue')}</option>
            {(agents ?? []).map((a) => (
              <option key={a.id} value={a.id} disabled={a.presence === 'offline'}>
                {a.name} — {t(`presence.${a.presence}`)}
              </option>
            ))}
          </select>
        </label>
        {agents === null && <p class="muted">{t('transfer.loading')}</p>}
        <label>
          {t('transfer.note')}
          <textarea rows={3} maxLength={1_000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('transfer.cancel')}
          </button>
          <button type="submit" class="primary">
            {t('transfer.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
