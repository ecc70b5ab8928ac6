import type { ConversationStatus } from '../../../shared/protocol/index';
import type { Availability } from '../model/state';
import type { Strings } from '../i18n/en';
import { format } from '../i18n/translate';
import { useI18n } from './i18n-context';

export interface HeaderProps {
  siteName: string;
  status: ConversationStatus | null;
  queuePosition: number | null;
  agentName: string | null;
  /** An agent answered the visitor's offline message (the header then says so, not "no agents"). */
  ticketAnswered?: boolean;
  canEscalate: boolean;
  /** Shown until the visitor asks for a person: open or when it opens, and the usual wait. */
  availability?: Availability | null;
  onEscalate(): void;
  onClose(): void;
}

export function statusText(t: Strings, status: ConversationStatus | null, queuePosition: number | null, agentName: string | null, ticketAnswered = false): string {
  switch (status) {
    case 'queued':
      return queuePosition !== null && queuePosition > 0 ? format(t.statusQueued, { n: queuePosition }) : t.statusWaiting;
    case 'assigned':
      return format(t.statusAssigned, { name: agentName ?? t.agent });
    case 'resolved':
      return t.statusResolved;
    case 'offline':
      return ticketAnswered ? t.statusTicketReply : t.statusOffline;
    default:
      return t.statusBot;
  }
}

/** "Usually replies in ~5 min", or when closed "Closed now · opens Mon 9:00" in the visitor's own time zone. */
export function availabilityText(t: Strings, locale: string, a: Availability, now = Date.now()): string {
  if (!a.open && a.nextOpenAt !== null && a.nextOpenAt > now) {
    const when = new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(a.nextOpenAt);
    return format(t.opensAt, { when });
  }
  return a.replyMinutes ? format(t.replyIn, { n: a.replyMinutes }) : '';
}

export function Header({ siteName, status, queuePosition, agentName, ticketAnswered, canEscalate, availability, onEscalate, onClose }: HeaderProps) {
  const { t, locale } = useI18n();
  const before = status === null || status === 'bot';
  const hours = before && availability ? availabilityText(t, locale, availability) : '';
  return (
    // A div, not <header>: inside the host page a <header> reads as a second "banner" landmark.
    <div class="header">
      <div class="header-text">
        <h2 id="chat-title" class="title">
          {siteName}
        </h2>
        <p class="status" role="status">
          {statusText(t, status, queuePosition, agentName, ticketAnswered)}
        </p>
        {hours && <p class="status hours">{hours}</p>}
      </div>
      {canEscalate && (
        <button type="button" class="header-action" onClick={onEscalate}>
          {t.talkToPerson}
        </button>
      )}
      <button type="button" class="icon-button" aria-label={t.close} onClick={onClose}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z" />
        </svg>
      </button>
    </div>
  );
}
