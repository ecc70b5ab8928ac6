import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { useT } from '../i18n/index';

/** How the chat view tells the server a bot answer was wrong (`ConsoleApi.markWrongAnswer`); null: no button. */
export const MarkWrongContext = createContext<((conversationId: string, seq: number) => Promise<void>) | null>(null);

/**
 * "Mark answer wrong" on a bot answer: the bot then trusts that article less for similar
 * questions (docs/BOT.md, *Learning from live traffic*). The outcome is announced to screen readers.
 */
export function MarkWrongButton({ conversationId, seq }: { conversationId: string; seq: number }) {
  const t = useT();
  const mark = useContext(MarkWrongContext);
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  if (!mark) return null;
  const onClick = () => {
    setState('busy');
    mark(conversationId, seq).then(
      () => setState('done'),
      () => setState('failed'),
    );
  };
  return (
    <div class="mark-wrong">
      {state !== 'done' && (
        <button type="button" class="link" onClick={onClick} disabled={state === 'busy'}>
          {state === 'busy' ? t('bot.markWrongBusy') : t('bot.markWrong')}
        </button>
      )}
      <span role="status" class={state === 'failed' ? 'error-text' : 'muted'}>
        {state === 'done' ? t('bot.markedWrong') : state === 'failed' ? t('bot.markWrongFailed') : ''}
      </span>
    </div>
  );
}
