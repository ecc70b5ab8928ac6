import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { TimelineEntry } from '../model/timeline';
import { useI18n } from './i18n-context';
import { Message, type MessageActions } from './Message';

export interface MessageListProps {
  entries: TimelineEntry[];
  conversationId: string | null;
  greeting: string;
  /** The bot is still in charge: its buttons (feedback, suggestions, "talk to a person") still apply. */
  botActive: boolean;
  canEscalate: boolean;
  /** Feedback given per bot answer, keyed `conversationId:seq`. */
  feedback: Record<string, boolean>;
  actions: MessageActions;
}

/** Messages from the same author within this window are drawn as one group. */
const GROUP_MS = 5 * 60_000;

function startsGroup(prev: TimelineEntry | undefined, cur: TimelineEntry): boolean {
  if (!prev) return true;
  const a = prev.message;
  const b = cur.message;
  return a.author !== b.author || a.authorName !== b.authorName || a.conversationId !== b.conversationId || b.createdAt - a.createdAt > GROUP_MS;
}

export function MessageList({ entries, conversationId, greeting, botActive, canEscalate, feedback, actions }: MessageListProps) {
  const { t } = useI18n();
  const end = useRef<HTMLLIElement>(null);
  const last = entries.at(-1)?.id;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [last]);

  return (
    <ol class="messages" aria-label={t.messages}>
      <li class="msg msg-bot msg-first">
        <p class="bubble">{greeting}</p>
      </li>
      {entries.map((entry, i) => {
        const prev = entries[i - 1];
        const m = entry.message;
        // A line between an earlier conversation and the next one.
        const newConversation = prev !== undefined && prev.message.conversationId !== m.conversationId && m.conversationId !== '';
        return (
          <Fragment key={entry.id}>
            {newConversation && <li class="divider" role="separator" aria-label={t.earlier} />}
            <Message
              entry={entry}
              showAuthor={startsGroup(prev, entry)}
              live={botActive && (m.conversationId === conversationId || m.conversationId === '')}
              canEscalate={canEscalate}
              feedback={feedback[`${m.conversationId}:${m.seq}`]}
              actions={actions}
            />
          </Fragment>
        );
      })}
      <li class="end" ref={end} aria-hidden="true" />
    </ol>
  );
}
