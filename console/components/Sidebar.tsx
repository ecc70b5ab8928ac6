import { useNow } from '../hooks/useNow';
import { myChats, tickets, type ConsoleState } from '../model/index';
import { useT } from '../i18n/index';
import { ChatList } from './ChatList';
import { QueueList } from './QueueList';

interface Props {
  state: ConsoleState;
  onOpen(conversationId: string): void;
  onClaim(conversationId: string): void;
}

/** The three lists an agent works from: the queue, their chats, and tickets. */
export function Sidebar({ state, onOpen, onClaim }: Props) {
  const t = useT();
  const now = useNow();
  return (
    <nav class="sidebar" aria-label={t('nav.label')}>
      <QueueList items={state.queue} total={state.queueTotal} now={now} activeId={state.activeId} onOpen={onOpen} onClaim={onClaim} />
      <ChatList id="mine" heading="mine.heading" empty="mine.empty" chats={myChats(state)} unread={state.unread} typing={state.visitorTyping} activeId={state.activeId} onOpen={onOpen} />
      <ChatList id="tickets" heading="tickets.heading" empty="tickets.empty" chats={tickets(state)} total={state.ticketsTotal} unread={state.unread} typing={state.visitorTyping} activeId={state.activeId} onOpen={onOpen} />
    </nav>
  );
}
