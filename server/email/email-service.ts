import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { WireMessage } from '../../shared/protocol/index';
import type { EmailConfig } from '../config';
import type { Store } from '../store/store';
import type { Conversation } from '../store/types';
import { EmailOutboxRepo, type EmailKind } from './outbox-repo';
import { replyAddress, threadRoot } from './reply-address';

/** Transcripts per conversation per hour: enough to resend one, too few to mail-bomb an address. */
export const TRANSCRIPTS_PER_HOUR = 3;

/** Which visitors have a socket open on this node (the "left the page" notice needs to know). */
export interface VisitorPresence { isConnected(visitorId: string): boolean }

/**
 * Decides what to email and writes it to the outbox; the EmailSender sends it. Every method is a
 * quick database write, so a chat never waits on SMTP and a send failure never fails a reply.
 */
export class EmailService {
  private readonly outbox: EmailOutboxRepo;

  constructor(
    private readonly store: Store,
    private readonly config: EmailConfig,
    private readonly replyKey: string,
    private readonly presence: VisitorPresence,
  ) {
    this.outbox = new EmailOutboxRepo(store.db, () => store.wake.wake('email'));
  }

  get replyDomain(): string {
    return this.config.replyDomain;
  }

  /**
   * An agent wrote to the visitor. A ticket (offline conversation) is answered by email; a live chat
   * is mailed only when the visitor has left the page (no open socket) and we know their address.
   */
  async agentReplied(c: Conversation, m: WireMessage): Promise<void> {
    if (m.author !== 'agent' || m.kind !== 'text') return;
    const visitor = await this.store.visitors.byId(c.visitorId);
    if (!visitor?.email) return;
    const kind: EmailKind | null = c.status === 'offline' ? 'ticket_reply' : this.presence.isConnected(visitor.id) ? null : 'reply_notice';
    if (!kind) return;
    const site = await this.store.sites.byId(c.siteId);
    const siteName = site?.name ?? 'Support';
    const from = m.authorName ?? siteName;
    const lead = kind === 'ticket_reply' ? `${from} replied to your message:` : `${from} replied after you left the chat:`;
    await this.outbox.enqueue({
      siteId: c.siteId,
      conversationId: c.id,
      kind,
      to: visitor.email,
      subject: `Re: Your conversation with ${siteName}`,
      text: `${lead}\n\n${m.text}\n\n--\nReply to this email to answer; your reply reaches ${siteName} in the same conversation.`,
      messageId: `<message.${c.id}.${m.seq}@${this.config.replyDomain}>`,
      inReplyTo: threadRoot(c.id, this.config.replyDomain),
      replyTo: replyAddress(this.replyKey, c.id, this.config.replyDomain),
    });
  }

  /** "Email me this transcript": to the visitor's known address (or the one they typed, which is then kept). */
  async transcript(c: Conversation, to: string): Promise<void> {
    if ((await this.outbox.countRecent(c.id, 'transcript', 3_600_000)) >= TRANSCRIPTS_PER_HOUR) {
      throw new AppError('rate_limited', 'A transcript was sent several times already; please try again later');
    }
    const site = await this.store.sites.byId(c.siteId);
    const siteName = site?.name ?? 'Support';
    const messages = (await this.store.messages.after(c.id, 0, 10_000, false)).filter((m) => m.kind === 'text' && m.author !== 'system');
    const lines = messages.map((m) => `[${new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC] ${speaker(m, siteName)}: ${m.text}`);
    await this.outbox.enqueue({
      siteId: c.siteId,
      conversationId: c.id,
      kind: 'transcript',
      to,
      subject: `Transcript of your conversation with ${siteName}`,
      text: `Here is your conversation with ${siteName}.\n\n${lines.join('\n\n')}\n\n--\nReply to this email to continue the conversation.`,
      messageId: `<transcript.${c.id}.${randomUUID()}@${this.config.replyDomain}>`,
      inReplyTo: threadRoot(c.id, this.config.replyDomain),
      replyTo: replyAddress(this.replyKey, c.id, this.config.replyDomain),
    });
  }
}

function speaker(m: WireMessage, siteName: string): string {
  if (m.author === 'visitor') return 'You';
  if (m.author === 'bot') return `${siteName} (bot)`;
  return m.authorName ?? siteName;
}
