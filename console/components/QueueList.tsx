import type { QueueItem } from '../../shared/protocol/index';
import { useT } from '../i18n/index';
import { formatWait } from '../lib/time';

interface Props {
  items: readonly QueueItem[];
  now: number;
  activeId: string | null;
  onOpen(conversationId: string): void;
  onClaim(conversationId: string): void;
  /** How many wait in all, when the server sent only the first page. */
  total?: number;
}

/** Waiting chats, oldest first, with a ticking wait time. Opening one previews it; Claim takes it. */
export function QueueList({ items, now, activeId, onOpen, onClaim, total = items.length }: Props) {
  const t = useT();
  const all = Math.max(total, items.length);
  return (
    <section class="list" aria-labelledby="queue-heading">
      <h2 id="queue-heading">
        {t('queue.heading')} <span class="count">{all}</span>
      </h2>
      {items.length === 0 ? (
        <p class="empty">{t('queue.empty')}</p>
      ) : (
        <ul>
          {items.map((q) => {
            const name = q.visitorName ?? t('visitor.anonymous');
            return (
              <li key={q.conversationId} class={q.conversationId === activeId ? 'item active' : 'item'}>
                <button type="button" class="item-main" aria-current={q.conversationId === activeId ? 'true' : undefined} onClick={() => onOpen(q.conversationId)}>
                  <span class="item-top">
                    <span class="item-name">{name}</span>
                    <time class="wait" dateTime={new Date(q.queuedAt).toISOString()}>
                      {t('queue.waiting', { time: formatWait(now - q.queuedAt) })}
                    </time>
                  </span>
                  {q.reason && <span class="reason">{t(`reason.${q.reason}`)}</span>}
                  {q.lastMessage && <span class="last">{q.lastMessage}</span>}
                </button>
                <button type="button" class="claim" aria-label={t('queue.claimChat', { name })} onClick={() => onClaim(q.conversationId)}>
                  {t('queue.claim')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {all > items.length && <p class="empty">{t('list.more', { shown: items.length, count: all })}</p>}
    </section>
  );
}
