import type { ConversationSummary } from '../../shared/protocol/index';
import { useT, type MessageKey } from '../i18n/index';

interface Props {
  id: string;
  heading: MessageKey;
  empty: MessageKey;
  chats: readonly ConversationSummary[];
  unread: Readonly<Record<string, number>>;
  typing: Readonly<Record<string, boolean>>;
  activeId: string | null;
  onOpen(conversationId: string): void;
  /** How many there are in all, when the server sent only the first page of them. */
  total?: number;
}

/** My chats or the tickets: who, their last message, and how many messages I have not seen. */
export function ChatList({ id, heading, empty, chats, unread, typing, activeId, onOpen, total = chats.length }: Props) {
  const t = useT();
  const all = Math.max(total, chats.length);
  return (
    <section class="list" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {t(heading)} <span class="count">{all}</span>
      </h2>
      {chats.length === 0 ? (
        <p class="empty">{t(empty)}</p>
      ) : (
        <ul>
          {chats.map((c) => {
            const count = unread[c.id] ?? 0;
            const name = c.visitorName ?? t('visitor.anonymous');
            return (
              <li key={c.id} class={c.id === activeId ? 'item active' : 'item'}>
                <button type="button" class="item-main" aria-current={c.id === activeId ? 'true' : undefined} onClick={() => onOpen(c.id)}>
                  <span class="item-top">
                    <span class="item-name">{name}</span>
                    {count > 0 && (
                      <span class="badge" aria-label={t('chat.unread', { count })}>
                        {count}
                      </span>
                    )}
                  </span>
                  {typing[c.id] ? <span class="last typing">{t('chat.typing', { name })}</span> : c.lastMessage && <span class="last">{c.lastMessage}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {all > chats.length && <p class="empty">{t('list.more', { shown: chats.length, count: all })}</p>}
    </section>
  );
}
