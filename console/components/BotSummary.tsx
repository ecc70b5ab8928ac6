import type { AnswerFeedback, WireMessage } from '../../shared/protocol/index';
import { useT } from '../i18n/index';

interface Props {
  messages: readonly WireMessage[];
  feedback: readonly AnswerFeedback[];
}

/** What the bot already tried, so the agent does not send the visitor the same article again. */
export function BotSummary({ messages, feedback }: Props) {
  const t = useT();
  const turns = messages.filter((m) => m.author === 'bot' && m.bot && m.bot.type !== 'smalltalk');
  if (turns.length === 0) return <p class="muted">{t('context.noBot')}</p>;
  return (
    <ol class="bot-summary">
      {turns.map((m) => {
        const b = m.bot;
        const verdicts = feedback.filter((f) => f.messageSeq === m.seq);
        if (!b) return null;
        return (
          <li key={m.seq}>
            {b.type === 'answer' && (
              <>
                <span class="bot-kind">{t('bot.answer', { confidence: Math.round(b.confidence * 100) })}</span>{' '}
                <ArticleLink title={b.article.title} url={b.article.url} />
              </>
            )}
            {b.type === 'suggest' && (
              <>
                <span class="bot-kind">{t('bot.suggest', { confidence: Math.round(b.confidence * 100) })}</span>
                <ul>
                  {b.suggestions.map((a) => (
                    <li key={a.id}>
                      <ArticleLink title={a.title} url={a.url} />
                    </li>
                  ))}
                </ul>
              </>
            )}
            {b.type === 'escalate' && <span class="bot-kind">{t(b.mode === 'start' ? 'bot.escalate' : 'bot.offer', { reason: t(`reason.${b.reason}`) })}</span>}
            {verdicts.map((f) => (
              <span key={f.at} class={f.helpful ? 'verdict good' : 'verdict bad'}>
                {t(f.helpful ? 'bot.helpful' : 'bot.notHelpful')}
              </span>
            ))}
          </li>
        );
      })}
    </ol>
  );
}

function ArticleLink({ title, url }: { title: string; url: string | null }) {
  const safe = url && /^https?:\/\//i.test(url) ? url : null;
  return safe ? (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {title}
    </a>
  ) : (
    <span>{title}</span>
  );
}
