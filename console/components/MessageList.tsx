import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AnswerFeedback, WireMessage } from '../../shared/protocol/index';
import { useT } from '../i18n/index';
import type { PendingSend } from '../model/index';
import { MessageItem, PendingItem } from './MessageItem';

interface Props {
  messages: readonly WireMessage[];
  pending: readonly PendingSend[];
  feedback: readonly AnswerFeedback[];
  visitorName: string;
  myName: string;
  visitorTyping: boolean;
  onRetry(id: string): void;
  /** Older messages remain on the server: offer to load them. */
  earlier?: boolean;
  loadingEarlier?: boolean;
  onLoadEarlier?(): void;
}

/**
 * The conversation so far, bot turns included, kept scrolled to the newest message while the agent
 * is at the bottom. Long chats arrive in pages: "load earlier" prepends the previous page and keeps
 * the message the agent was reading where it was.
 */
export function MessageList({ messages, pending, feedback, visitorName, myName, visitorTyping, onRetry, earlier = false, loadingEarlier = false, onLoadEarlier = () => {} }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const firstSeq = messages[0]?.seq ?? 0;
  const seen = useRef({ firstSeq, height: 0 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (firstSeq < seen.current.firstSeq && !stick.current) el.scrollTop += el.scrollHeight - seen.current.height;
    else if (stick.current) el.scrollTop = el.scrollHeight;
    seen.current = { firstSeq, height: el.scrollHeight };
  }, [messages.length, pending.length, visitorTyping, firstSeq]);

  // An image loads after the list was scrolled to its end, and the composer below grows with an upload
  // notice: either would push the newest line out of view, so keep the end in view while the agent is there.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const keepEnd = () => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    };
    el.addEventListener('load', keepEnd, true);
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(keepEnd);
    resized?.observe(el);
    return () => {
      el.removeEventListener('load', keepEnd, true);
      resized?.disconnect();
    };
  }, []);

  const onScroll = () => {
    const el = ref.current;
    // Reading back through history must not be yanked down by every new message.
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  return (
    <div class="messages" ref={ref} onScroll={onScroll} tabIndex={0} aria-label={t('chat.messages')}>
      {earlier && (
        <p class="load-earlier">
          <button type="button" class="link" onClick={() => {
            stick.current = false;
            onLoadEarlier();
          }} disabled={loadingEarlier} aria-busy={loadingEarlier}>
            {loadingEarlier ? t('chat.loadingEarlier') : t('chat.loadEarlier')}
          </button>
        </p>
      )}
      {/* The live region wraps the list: role="log" is not allowed on <ol> itself, and its items need their list. */}
      <div role="log" aria-live="polite" aria-relevant="additions">
        <ol>
        {messages.map((m) => (
          <MessageItem key={m.seq} message={m} visitorName={visitorName} feedback={m.author === 'bot' ? feedback.filter((f) => f.messageSeq === m.seq) : []} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.id} send={p} authorName={myName} onRetry={onRetry} />
        ))}
        </ol>
      </div>
      {visitorTyping && (
        <p class="typing-indicator" aria-live="polite">
          {t('chat.typing', { name: visitorName })}
        </p>
      )}
    </div>
  );
}
