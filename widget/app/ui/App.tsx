import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { isRtl, pickLocale } from '../../shared/locale';
import type { SnippetConfig } from '../../shared/types';
import { hasStrings, loadStrings, stringsFor } from '../i18n/translate';
import type { ChatState } from '../model/state';
import type { ChatStore } from '../model/store';
import { timeline } from '../model/timeline';
import { Composer } from './Composer';
import { Csat } from './Csat';
import { Nps } from './Nps';
import { Header } from './Header';
import { I18n } from './i18n-context';
import { LiveRegion } from './LiveRegion';
import type { MessageActions } from './Message';
import { MessageList } from './MessageList';
import { ConnectionBanner, ErrorNotice, TypingIndicator } from './Notices';
import { OfflineForm } from './OfflineForm';
import { TranscriptAction } from './TranscriptAction';
import { PreChatForm } from './PreChatForm';
import { UnreadPreview } from './UnreadPreview';
import { useStoreState } from './use-store';

export type ChatActions = Pick<
  ChatStore,
  'getState' | 'subscribe' | 'send' | 'retry' | 'escalate' | 'feedback' | 'choose' | 'rate' | 'checkNps' | 'answerNps' | 'leaveMessage' | 'transcript' | 'identify' | 'typing' | 'dismissNotice' | 'attach' | 'file'
>;

export interface AppProps {
  store: ChatActions;
  config: Pick<SnippetConfig, 'locale' | 'greeting'>;
  onClose(): void;
  /** Opens the panel (from the unread preview). */
  onOpen(): void;
}

/** The locale in force: the snippet's data-locale, then the site's setting, then the browser. */
export function localeOf(config: Pick<SnippetConfig, 'locale'>, state: Pick<ChatState, 'site'>): ReturnType<typeof pickLocale> {
  return pickLocale([config.locale, state.site?.locale, typeof navigator === 'undefined' ? null : navigator.language]);
}

const pendingOf = (s: ChatState, type: string) => s.outbox.some((o) => o.frame.type === type && o.state !== 'failed');

/** The chat panel: reads the store, hands data and actions to small components. */
export function App({ store, config, onClose, onOpen }: AppProps) {
  const s = useStoreState(store);
  const locale = localeOf(config, s);
  // The panel waits for its language (a lazy chunk) rather than flashing English first.
  const [, stringsArrived] = useReducer((n: number) => n + 1, 0);
  const ready = hasStrings(locale);
  useEffect(() => {
    if (!ready) void loadStrings(locale).then(stringsArrived);
  }, [locale, ready]);
  const t0 = stringsFor(locale);
  const i18n = useMemo(() => ({ t: t0, locale }), [t0, locale]);
  const { t } = i18n;
  const panel = useRef<HTMLElement>(null);
  const entries = useMemo(() => timeline(s), [s.messages, s.earlier, s.outbox, s.conversationId]);

  // Focus moves into the panel when it opens (the close path returns it to the launcher), before the frame
  // that shows it: after it (a plain effect), focusing restyled and repainted the panel once more.
  useLayoutEffect(() => {
    if (!s.open || !ready) return;
    const target = panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current;
    target?.focus();
  }, [s.open, ready]);

  // Once the visitor rated a resolved chat, or said a bot answer helped and then asked nothing for
  // 10 s (a confirmed bot resolution), the server decides whether the NPS question follows.
  const rated = s.status === 'resolved' && s.conversationId !== null && s.rated.includes(s.conversationId);
  // A new bot chat has no status yet (status frames come with changes), like canEscalate below.
  const helped = (s.status === null || s.status === 'bot') && Object.keys(s.feedback).some((k) => s.feedback[k] && k.startsWith(`${s.conversationId}:`));
  useEffect(() => {
    if (!rated && !helped) return;
    const timer = setTimeout(() => store.checkNps(), rated ? 0 : 10_000);
    return () => clearTimeout(timer);
  }, [rated, helped, s.conversationId, s.messages.length]);

  const actions: MessageActions = useMemo(
    () => ({
      onFeedback: (seq, articleId, helpful) => store.feedback(seq, articleId, helpful),
      onChoose: (articleId) => store.choose(articleId),
      onEscalate: () => store.escalate(),
      onRetry: (id) => store.retry(id),
      onFile: (id) => store.file(id),
    }),
    [store],
  );

  const known = s.identity ?? {};
  const preChatFields = (s.site?.preChatFields ?? []).filter((f) => !known[f.name]);
  const started = s.conversationId !== null || s.messages.length > 0 || s.outbox.length > 0;
  const needPreChat = preChatFields.length > 0 && !s.preChatDone && !started;
  const canEscalate = (s.status === null || s.status === 'bot') && s.connection !== 'stopped' && !pendingOf(s, 'visitor.escalate');
  const lastReply = s.messages.findLast((m) => m.author === 'agent' || m.author === 'bot') ?? null;
  const unreadReply = !s.open && s.unread > 0 && s.connection !== 'stopped' ? lastReply : null;
  const lastVisitorText = [...s.messages].reverse().find((m) => m.author === 'visitor')?.text ?? '';

  const emailReplies = s.site?.email === true;
  // Older servers do not say (no `files`): offer attaching, and the upload's answer tells the visitor.
  const attach = s.site?.files?.enabled === false ? undefined : (f: File) => store.attach(f);
  const ticketSent = s.ticketFor !== null && s.ticketFor === s.conversationId;
  // An agent answering a ticket: the visitor sees the reply and can answer it here.
  const ticketAnswered = s.status === 'offline' && s.messages.some((m) => m.author === 'agent' && m.kind === 'text');
  const transcript = emailReplies && s.conversationId && s.messages.some((m) => m.author !== 'system') && (
    <TranscriptAction knownEmail={known.email ?? null} sending={pendingOf(s, 'visitor.transcript')} onSend={(email) => store.transcript(email)} />
  );

  let footer;
  if (s.connection === 'stopped') footer = null;
  else if (needPreChat) footer = <PreChatForm fields={preChatFields} onSubmit={(v) => store.identify(v, true)} />;
  else if (s.status === 'offline' && (ticketAnswered || ticketSent))
    footer = (
      <>
        <p class="ticket-note" role="status">
          {ticketAnswered ? t.ticketReplyHint : emailReplies ? t.ticketThanks : t.ticketThanksNoEmail}
        </p>
        {transcript}
        <Composer onSend={(text) => store.send(text)} onTyping={(active) => store.typing(active)} onAttach={attach} />
      </>
    );
  else if (s.status === 'offline')
    footer = (
      <OfflineForm
        initialText={lastVisitorText}
        initialEmail={known.email ?? ''}
        initialName={known.name ?? ''}
        sending={pendingOf(s, 'visitor.leave_message')}
        sent={ticketSent}
        emailReplies={emailReplies}
        onSubmit={(input) => store.leaveMessage(input)}
      />
    );
  else
    footer = (
      <>
        {s.status === 'resolved' && s.conversationId && (
          <Csat sending={pendingOf(s, 'visitor.csat')} done={s.rated.includes(s.conversationId)} onSubmit={(r, c) => store.rate(r, c)} />
        )}
        {transcript}
        {s.conversationId && s.nps[s.conversationId] === 'ask' && (
          <Nps sending={pendingOf(s, 'visitor.nps')} onAnswer={(score, c) => store.answerNps(score, c)} />
        )}
        <Composer onSend={(text) => store.send(text)} onTyping={(active) => store.typing(active)} onAttach={attach} />
      </>
    );

  return (
    <I18n.Provider value={i18n}>
      <section
        ref={panel}
        class="panel"
        role="dialog"
        aria-labelledby="chat-title"
        hidden={!s.open || !ready}
        // Busy until the first welcome: assistive tech (and the first-open test) learn when the chat is usable.
        aria-busy={s.connection === 'idle' || s.connection === 'connecting'}
        tabIndex={-1}
        dir={isRtl(locale) ? 'rtl' : 'ltr'}
        lang={locale}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <Header
          siteName={s.site?.name || t.messages}
          status={s.status}
          queuePosition={s.queuePosition}
          agentName={s.agentName}
          ticketAnswered={ticketAnswered}
          canEscalate={canEscalate}
          availability={s.availability}
          onEscalate={() => store.escalate()}
          onClose={onClose}
        />
        <ConnectionBanner connection={s.connection} stopReason={s.stopReason} />
        <MessageList
          entries={entries}
          conversationId={s.conversationId}
          greeting={config.greeting ?? s.site?.greeting ?? t.greeting}
          botActive={s.status === null || s.status === 'bot'}
          canEscalate={canEscalate}
          feedback={s.feedback}
          actions={actions}
        />
        <TypingIndicator name={s.agentTyping} />
        <ErrorNotice notice={s.notice} onDismiss={() => store.dismissNotice()} />
        {footer}
        <LiveRegion entries={entries} />
      </section>
      <UnreadPreview message={unreadReply} onOpen={onOpen} />
    </I18n.Provider>
  );
}
