import { AttachmentView } from './AttachmentView';
import { RichText } from '../../shared/text/RichText';
import type { AnswerFeedback, BotPayload, WireMessage } from '../../shared/protocol/index';
import { useT, type Translate } from '../i18n/index';
import type { PendingSend } from '../model/index';
import { MarkWrongButton } from './MarkWrong';

interface Props {
  message: WireMessage;
  feedback: readonly AnswerFeedback[];
  visitorName: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One message as text (never as HTML), styled by who wrote it; notes look unmistakably internal. */
export function MessageItem({ message: m, feedback, visitorName }: Props) {
  const t = useT();
  if (m.author === 'system') {
    return <li class="msg system">{m.system ? t(`system.${m.system.event}`, { name: m.system.name ?? '' }) : m.text}</li>;
  }
  const who = m.author === 'visitor' ? visitorName : (m.authorName ?? t(`author.${m.author}`));
  const note = m.kind === 'note';
  return (
    <li class={`msg ${m.author}${note ? ' note' : ''}`}>
      <div class="msg-meta">
        <span class="msg-author">{who}</span>
        {note && <span class="note-tag">{t('chat.note')}</span>}
        <time dateTime={new Date(m.createdAt).toISOString()}>{timeFormat.format(m.createdAt)}</time>
      </div>
      {m.text && (
        <div class="msg-text">
          <RichText text={m.text} breaks="br" />
        </div>
      )}
      {m.attachment && <AttachmentView a={m.attachment} />}
      {m.bot && <BotDetail payload={m.bot} feedback={feedback} t={t} />}
      {m.bot?.type === 'answer' && <MarkWrongButton conversationId={m.conversationId} seq={m.seq} />}
    </li>
  );
}

function BotDetail({ payload: p, feedback, t }: { payload: BotPayload; feedback: readonly AnswerFeedback[]; t: Translate }) {
  const pct = 'confidence' in p ? Math.round(p.confidence * 100) : 0;
  switch (p.type) {
    case 'answer':
      return (
        <div class="bot-detail">
          <p class="bot-kind">{t('bot.answer', { confidence: pct })}</p>
          <details>
            <summary>{p.article.title}</summary>
            <p class="muted">{t('bot.readArticle')}</p>
            {/* The one HTML we render: article bodies are sanitised on the server (allow-list, safe links). */}
            <div class="article" dangerouslySetInnerHTML={{ __html: p.article.html }} />
          </details>
          <FeedbackList feedback={feedback} t={t} />
        </div>
      );
    case 'suggest':
      return (
        <div class="bot-detail">
          <p class="bot-kind">{t('bot.suggest', { confidence: pct })}</p>
          <ul class="suggestions">
            {p.suggestions.map((a) => (
              <li key={a.id}>{a.title}</li>
            ))}
          </ul>
          <FeedbackList feedback={feedback} t={t} />
        </div>
      );
    case 'escalate':
      return <p class="bot-kind">{t(p.mode === 'start' ? 'bot.escalate' : 'bot.offer', { reason: t(`reason.${p.reason}`) })}</p>;
    case 'smalltalk':
      return null;
  }
}

function FeedbackList({ feedback, t }: { feedback: readonly AnswerFeedback[]; t: Translate }) {
  if (feedback.length === 0) return null;
  return (
    <ul class="feedback">
      {feedback.map((f) => (
        <li key={`${f.articleId}-${f.at}`} class={f.helpful ? 'good' : 'bad'}>
          {t(f.helpful ? 'bot.helpful' : 'bot.notHelpful')}
        </li>
      ))}
    </ul>
  );
}

interface PendingProps {
  send: PendingSend;
  authorName: string;
  onRetry(id: string): void;
}

/** My own message on its way: shown at once, marked until the server confirms it. */
export function PendingItem({ send, authorName, onRetry }: PendingProps) {
  const t = useT();
  return (
    <li class={`msg agent pending${send.kind === 'note' ? ' note' : ''}${send.failed ? ' failed' : ''}`}>
      <div class="msg-meta">
        <span class="msg-author">{authorName}</span>
        {send.kind === 'note' && <span class="note-tag">{t('chat.note')}</span>}
        <span class="msg-state">{send.failed ? t('chat.failed') : t('chat.sending')}</span>
      </div>
      <p class="msg-text">{send.text}</p>
      {send.failed && (
        <button type="button" class="link" onClick={() => onRetry(send.id)}>
          {t('chat.retry')}
        </button>
      )}
    </li>
  );
}
