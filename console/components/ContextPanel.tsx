import { Fragment } from 'preact';
import type { AnswerFeedback, ConversationDetail, WireMessage } from '../../shared/protocol/index';
import { useI18n } from '../i18n/index';
import { parseUserAgent } from '../lib/ua';
import { BotSummary } from './BotSummary';

interface Props {
  detail: ConversationDetail;
  messages: readonly WireMessage[];
  feedback: readonly AnswerFeedback[];
}

/** Everything known about the visitor beside the chat, so they never have to repeat themselves. */
export function ContextPanel({ detail: d, messages, feedback }: Props) {
  const { t, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const ctx = d.context;
  const ua = ctx?.userAgent ? parseUserAgent(ctx.userAgent) : { browser: null, os: null };
  const unknown = t('context.unknown');
  const attributes = Object.entries(d.visitor.attributes);

  return (
    <div class="context">
      <section aria-labelledby="ctx-visitor">
        <h2 id="ctx-visitor">{t('context.heading')}</h2>
        <dl>
          <dt>{t('context.name')}</dt>
          <dd>{d.visitor.name ?? unknown}</dd>
          <dt>{t('context.email')}</dt>
          <dd>{d.visitor.email ?? unknown}</dd>
        </dl>
        {d.visitorOnline !== undefined && (
          <p class={d.visitorOnline ? 'visitor-presence here' : 'visitor-presence gone'}>
            <span class="dot" aria-hidden="true" />
            {d.visitorOnline
              ? t('context.onSite')
              : d.visitorLastSeenAt !== undefined
                ? t('context.leftAt', { time: when.format(d.visitorLastSeenAt) })
                : t('context.left')}
          </p>
        )}
        <p class={d.visitor.verified ? 'verified yes' : 'verified no'}>{d.visitor.verified ? `✓ ${t('context.verified')}` : t('context.unverified')}</p>
        {d.reason && (
          <p class="reason">
            <strong>{t('context.reason')}:</strong> {t(`reason.${d.reason}`)}
          </p>
        )}
      </section>

      <section aria-labelledby="ctx-where">
        <h2 id="ctx-where" class="sr-only">
          {t('context.page')}
        </h2>
        <dl>
          <dt>{t('context.page')}</dt>
          <dd>{ctx ? <Link url={ctx.url} text={ctx.title || ctx.url} /> : unknown}</dd>
          <dt>{t('context.referrer')}</dt>
          <dd>{ctx?.referrer ? <Link url={ctx.referrer} text={ctx.referrer} /> : unknown}</dd>
          <dt>{t('context.browser')}</dt>
          <dd>{ua.browser ?? unknown}</dd>
          <dt>{t('context.os')}</dt>
          <dd>{ua.os ?? unknown}</dd>
          <dt>{t('context.language')}</dt>
          <dd>{ctx?.language || unknown}</dd>
          <dt>{t('context.timeZone')}</dt>
          <dd>{ctx?.timeZone || unknown}</dd>
        </dl>
      </section>

      {d.pages.length > 0 && (
        <section aria-labelledby="ctx-pages">
          <h3 id="ctx-pages">{t('context.pages')}</h3>
          <ol class="pages">
            {d.pages.map((p) => (
              <li key={`${p.at}-${p.url}`}>
                <Link url={p.url} text={p.title || p.url} /> <time dateTime={new Date(p.at).toISOString()}>{when.format(p.at)}</time>
              </li>
            ))}
          </ol>
        </section>
      )}

      {attributes.length > 0 && (
        <section aria-labelledby="ctx-attrs">
          <h3 id="ctx-attrs">{t('context.attributes')}</h3>
          <dl>
            {attributes.map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      )}

      <section aria-labelledby="ctx-bot">
        <h3 id="ctx-bot">{t('context.bot')}</h3>
        <BotSummary messages={messages} feedback={feedback} />
      </section>

      <section aria-labelledby="ctx-prev">
        <h3 id="ctx-prev">{t('context.previous')}</h3>
        {d.previous.length === 0 ? (
          <p class="muted">{t('context.noPrevious')}</p>
        ) : (
          <ul class="previous">
            {d.previous.map((p) => (
              <li key={p.id}>
                <time dateTime={new Date(p.createdAt).toISOString()}>{when.format(p.createdAt)}</time> · {t(p.status === 'assigned' ? 'status.assigned' : `status.${p.status}`, { name: p.agentName ?? '' })}
                {p.lastMessage && <span class="last">{p.lastMessage}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Visitor-supplied URLs are shown as links only when they are plain http(s). */
function Link({ url, text }: { url: string; text: string }) {
  return /^https?:\/\//i.test(url) ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}
