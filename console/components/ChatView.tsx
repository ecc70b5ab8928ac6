import { visitorDisplayName } from '../lib/visitor-name';
import type { Ref } from 'preact';
import type { AgentProfile, AnswerFeedback, ConversationStatus, WireMessage } from '../../shared/protocol/index';
import { useT, type Translate } from '../i18n/index';
import type { CannedResponse, PlaceholderValues } from '../lib/canned';
import type { PendingSend } from '../model/index';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

export interface ChatHeader {
  id: string;
  visitorName: string | null;
  visitorLabel?: string;
  status: ConversationStatus;
  agentId: string | null;
  agentName: string | null;
}

interface Props {
  chat: ChatHeader;
  loaded: boolean;
  me: AgentProfile;
  messages: readonly WireMessage[];
  pending: readonly PendingSend[];
  feedback: readonly AnswerFeedback[];
  visitorTyping: boolean;
  canned: readonly CannedResponse[];
  placeholders: PlaceholderValues;
  draft: string;
  composerRef: Ref<HTMLTextAreaElement>;
  onDraft(text: string): void;
  onClaim(): void;
  onResolve(): void;
  onTransfer(): void;
  onSend(text: string, kind: 'text' | 'note'): void;
  onAttach(file: File): Promise<void>;
  onRetry(id: string): void;
  /** Older messages remain on the server; the list offers to load them. */
  earlier: boolean;
  loadingEarlier: boolean;
  onLoadEarlier(): void;
  onTyping(typing: boolean): void;
}

/** Who the agent may act on: their own chats and open tickets; queued chats only preview until claimed. */
export function permissions(chat: ChatHeader, me: AgentProfile) {
  const mine = chat.status === 'assigned' && chat.agentId === me.id;
  const ticket = chat.status === 'offline';
  return { claim: chat.status === 'queued', reply: mine || ticket, resolve: mine || ticket, transfer: mine };
}

function readOnlyReason(chat: ChatHeader, t: Translate): string {
  if (chat.status === 'resolved') return t('chat.closed');
  if (chat.status === 'assigned') return t('chat.othersChat', { name: chat.agentName ?? '' });
  return t('chat.readOnly');
}

export function ChatView(p: Props) {
  const t = useT();
  const name = visitorDisplayName(p.chat, t('visitor.anonymous'));
  const can = permissions(p.chat, p.me);
  const status = t(`status.${p.chat.status}`, { name: p.chat.agentName ?? '' });
  return (
    <div class="chat">
      <header class="chat-header">
        <div>
          <h2 id="chat-title">{name}</h2>
          <p class="chat-status">{status}</p>
        </div>
        <div class="chat-actions">
          {can.claim && (
            <button type="button" class="primary" onClick={p.onClaim}>
              {t('chat.claim')}
            </button>
          )}
          {can.transfer && (
            <button type="button" onClick={p.onTransfer} aria-haspopup="dialog">
              {t('chat.transfer')}
            </button>
          )}
          {can.resolve && (
            <button type="button" class="primary" onClick={p.onResolve} aria-keyshortcuts="Alt+R">
              {p.chat.status === 'offline' ? t('chat.markDone') : t('chat.resolve')}
            </button>
          )}
        </div>
      </header>
      {p.loaded ? (
        <MessageList
          messages={p.messages}
          pending={p.pending}
          feedback={p.feedback}
          visitorName={name}
          myName={p.me.name}
          visitorTyping={p.visitorTyping}
          onRetry={p.onRetry}
          earlier={p.earlier}
          loadingEarlier={p.loadingEarlier}
          onLoadEarlier={p.onLoadEarlier}
        />
      ) : (
        <p class="messages muted" role="status">
          {t('workspace.loading')}
        </p>
      )}
      {can.reply ? (
        <Composer
          key={p.chat.id}
          canned={p.canned}
          placeholders={p.placeholders}
          initialText={p.draft}
          inputRef={p.composerRef}
          onDraft={p.onDraft}
          onSend={p.onSend}
          onAttach={p.onAttach}
          onTyping={p.onTyping}
        />
      ) : (
        <p class="composer-off muted">{readOnlyReason(p.chat, t)}</p>
      )}
    </div>
  );
}
