import type { Ref } from 'preact';
import { useT } from '../i18n/index';
import type { CannedResponse } from '../lib/canned';
import { timeline, type ConsoleState, type ConsoleStore } from '../model/index';
import { ChatView, type ChatHeader } from './ChatView';
import { ContextPanel } from './ContextPanel';

interface Props {
  state: ConsoleState;
  store: ConsoleStore;
  canned: readonly CannedResponse[];
  composerRef: Ref<HTMLTextAreaElement>;
  drafts: Map<string, string>;
  onClaim(conversationId: string): void;
  onTransfer(): void;
  onCloseContext(): void;
}

/** The open chat's header data from whatever we know yet: full detail, my chat list, or the queue. */
export function activeHeader(s: ConsoleState): ChatHeader | null {
  const id = s.activeId;
  if (!id) return null;
  const known = s.details[id] ?? s.chats[id];
  if (known) return known;
  const queued = s.queue.find((q) => q.conversationId === id);
  return queued ? { id, visitorName: queued.visitorName, visitorLabel: queued.visitorLabel, status: 'queued', agentId: null, agentName: null } : null;
}

/** The chat in the middle and its context beside it. */
export function ActiveChat({ state, store, canned, composerRef, drafts, onClaim, onTransfer, onCloseContext }: Props) {
  const t = useT();
  const chat = activeHeader(state);
  if (!chat || !state.me) {
    return (
      <main id="main" class="main empty-main" tabIndex={-1}>
        <p class="muted">{state.me ? t('workspace.none') : t('app.loading')}</p>
      </main>
    );
  }
  const detail = state.details[chat.id] ?? null;
  const { messages, pending } = timeline(state, chat.id);
  const feedback = detail?.feedback ?? [];
  const me = state.me;
  return (
    <>
      <main id="main" class="main" tabIndex={-1} aria-labelledby="chat-title">
        <ChatView
          chat={chat}
          loaded={detail !== null}
          me={me}
          messages={messages}
          pending={pending}
          feedback={feedback}
          visitorTyping={state.visitorTyping[chat.id] ?? false}
          canned={canned}
          placeholders={{ 'visitor.name': detail?.visitor.name ?? chat.visitorName, 'visitor.email': detail?.visitor.email ?? null, 'agent.name': me.name }}
          draft={drafts.get(chat.id) ?? ''}
          composerRef={composerRef}
          onDraft={(text) => drafts.set(chat.id, text)}
          onClaim={() => onClaim(chat.id)}
          onResolve={() => store.resolve(chat.id)}
          onTransfer={onTransfer}
          onSend={(text, kind) => store.send(chat.id, text, kind)}
          onAttach={(file) => store.attach(chat.id, file)}
          onRetry={store.retry}
          earlier={state.earlier[chat.id] ?? false}
          loadingEarlier={state.loadingEarlier[chat.id] ?? false}
          onLoadEarlier={() => store.loadEarlier(chat.id)}
          onTyping={(typing) => store.typing(chat.id, typing)}
        />
      </main>
      <aside id="context" class="context-panel" aria-label={t('context.heading')}>
        <button type="button" class="context-close link" onClick={onCloseContext}>
          {t('context.close')}
        </button>
        {detail ? <ContextPanel detail={detail} messages={messages} feedback={feedback} /> : <p class="muted">{t('workspace.loading')}</p>}
      </aside>
    </>
  );
}
