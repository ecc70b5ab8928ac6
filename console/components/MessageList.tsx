import { useLayoutEffect, useRef } from 'preact/hooks';
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
}

/** The conversation so far, bot turns included, kept scrolled to the newest message while the agent is at the bottom. */
export function MessageList({ messages, pending, feedback, visitorName, myName, visitorTyping, onRetry }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length, visitorTyping]);

  const onScroll = () => {
    const el = ref.current;
    // Reading back through history must not be yanked down by every new message.
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  return (
    // role="log" sits on the scroller, not the <ol>: a list keeps its list role so its items stay list items.
    <div class="messages" ref={ref} onScroll={onScroll} tabIndex={0} role="log" aria-live="polite" aria-relevant="additions" aria-label={t('chat.messages')}>
      <ol>
        {messages.map((m) => (
          <MessageItem key={m.seq} message={m} visitorName={visitorName} feedback={m.author === 'bot' ? feedback.filter((f) => f.messageSeq === m.seq) : []} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.id} send={p} authorName={myName} onRetry={onRetry} />
        ))}
      </ol>
      {visitorTyping && (
        <p class="typing-indicator" aria-live="polite">
          {t('chat.typing', { name: visitorName })}
        </p>
      )}
    </div>
  );
}
