import type { TimelineEntry } from '../model/timeline';
import { describeMessage } from '../i18n/translate';
import { ArticleCard } from './ArticleCard';
import { Avatar } from './Avatar';
import { RichText } from '../../../shared/text/RichText';
import { formatTime, useI18n } from './i18n-context';
import { Suggestions } from './Suggestions';
import { Lazy } from './Lazy';

export interface MessageActions {
  onFeedback(messageSeq: number, articleId: string, helpful: boolean): void;
  onChoose(articleId: string): void;
  onEscalate(): void;
  onRetry(id: string): void;
  /** A file of this conversation, fetched with the visitor's credentials. */
  onFile(id: string): Promise<Blob>;
}

export interface MessageProps {
  entry: TimelineEntry;
  /** First of a run from the same author: shows who wrote it. */
  showAuthor: boolean;
  /** Part of the live conversation (buttons work) rather than history. */
  live: boolean;
  /** Whether "talk to a person" still makes sense (the bot is still in charge). */
  canEscalate: boolean;
  /** The bot's newest message: its suggestion chips can still be picked. */
  latestBotTurn?: boolean;
  feedback: boolean | undefined;
  actions: MessageActions;
}

export function Message({ entry, showAuthor, live, canEscalate, latestBotTurn = true, feedback, actions }: MessageProps) {
  const { t, locale } = useI18n();
  const m = entry.message;
  const text = describeMessage(m, t);
  const time = formatTime(m.createdAt, locale);

  if (m.author === 'system') {
    return (
      <li class="msg msg-system">
        <p>{text}</p>
      </li>
    );
  }

  const author = m.author === 'visitor' ? t.you : m.author === 'bot' ? t.bot : (m.authorName ?? t.agent);
  const bot = m.bot;
  return (
    <li class={`msg msg-${m.author}${showAuthor ? ' msg-first' : ''}`} data-state={entry.state}>
      {showAuthor && (
        <p class="msg-author">
          {m.author === 'agent' && <Avatar name={author} url={m.authorAvatar} />}
          {author}
        </p>
      )}
      {/* Screen readers hear who wrote every message, even inside a visual group. */}
      {!showAuthor && <span class="sr-only">{author}: </span>}
      {/* dir="auto": what people type keeps its own direction inside a right-to-left panel and vice versa. */}
      {text && (
        <div class="bubble" dir="auto">
          <RichText text={text} />
        </div>
      )}
      {m.attachment && <Lazy k="AttachmentView" a={m.attachment} locale={locale} load={actions.onFile} />}
      {bot?.type === 'answer' && (
        <ArticleCard article={bot.article} feedback={feedback} onFeedback={live ? (helpful) => actions.onFeedback(m.seq, bot.article.id, helpful) : undefined} />
      )}
      {bot?.type === 'suggest' && <Suggestions suggestions={bot.suggestions} onChoose={live && latestBotTurn ? actions.onChoose : undefined} />}
      {bot?.type === 'escalate' && bot.mode === 'offer' && live && canEscalate && (
        <button type="button" class="chip" onClick={actions.onEscalate}>
          {t.talkToPerson}
        </button>
      )}
      <p class="msg-meta">
        {entry.state === 'pending' ? t.sending : <time dateTime={new Date(m.createdAt).toISOString()}>{time}</time>}
      </p>
      {entry.state === 'failed' && (
        <p class="msg-failed" role="alert">
          {t.notSent} {entry.error ? t.errors[entry.error] : ''}{' '}
          <button type="button" class="link-button" onClick={() => actions.onRetry(entry.id)}>
            {t.retry}
          </button>
        </p>
      )}
    </li>
  );
}
