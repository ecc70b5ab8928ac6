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
  const list = useRef<HTMLOListElement>(null);
  const end = useRef<HTMLLIElement>(null);
  /** The visitor is reading the newest lines (not scrolled back through history). */
  const atEnd = useRef(true);
  const lastTop = useRef(0);
  const last = entries.at(-1)?.id;
  useEffect(() => {
    atEnd.current = true;
    // An empty list is already at its end: scrolling it would only force a layout while the panel opens.
    if (last !== undefined) end.current?.scrollIntoView?.({ block: 'end' });
  }, [last]);
  // When the list gets shorter (the typing row, a rating prompt or a form appears below it), or its lines
  // grow after they were scrolled to (an attachment renders once its lazy chunk is in, an image once it
  // has loaded), the last line would slide out of view: keep the end in view if the visitor was there.
  useEffect(() => {
    const el = list.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const keepEnd = () => {
      if (atEnd.current) el.scrollTo?.({ top: el.scrollHeight, behavior: 'instant' });
    };
    const resized = new ResizeObserver(keepEnd);
    resized.observe(el);
    const changed = new MutationObserver(keepEnd);
    changed.observe(el, { childList: true, subtree: true });
    el.addEventListener('load', keepEnd, true);
    return () => {
      resized.disconnect();
      changed.disconnect();
      el.removeEventListener('load', keepEnd, true);
    };
  }, []);

  // Suggestions only apply until the visitor writes again or the bot answers again: then the chips are spent.
  const latestTurn = entries.findLastIndex((e) => e.message.author === 'visitor' || e.message.bot?.type === 'answer' || e.message.bot?.type === 'suggest');
  return (
    // Focusable: keyboard users can scroll the history (axe scrollable-region-focusable).
    <ol
      ref={list}
      class="messages"
      aria-label={t.messages}
      tabIndex={0}
      onScroll={(e) => {
        // Only the visitor scrolling back up leaves the end; a smooth scroll on its way down does not.
        const el = e.currentTarget;
        if (el.scrollHeight - el.scrollTop - el.clientHeight < 24) atEnd.current = true;
        else if (el.scrollTop < lastTop.current - 2) atEnd.current = false;
        lastTop.current = el.scrollTop;
      }}
    >
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
              latestBotTurn={i >= latestTurn}
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
