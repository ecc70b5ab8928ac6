import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { LIMITS } from '../../shared/limits';
import { topics } from '../bus/bus';
import { TokenBuckets } from '../limits/token-bucket';
import type { ConversationCore } from '../conversations/core';
import { conversationOfReplyAddress } from './reply-address';
import { newPartOfReply } from './quoted';

/** Larger mails (attachments) are refused at the door; the text we keep is far smaller. */
export const INBOUND_MAX_BYTES = 1_000_000;
/** Email replies per conversation: a burst of 10, then one every 2 minutes (a mail loop cannot flood a chat). */
export const INBOUND_PER_CONVERSATION = { capacity: 10, refillPerSecond: 1 / 120 };

interface Log { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }

class SmtpRefusal extends Error {
  constructor(message: string, readonly responseCode: number) {
    super(message);
  }
}

/**
 * Visitors' email replies come in through our own SMTP listener (the MX for the reply domain, or a
 * relay that forwards `reply+*` to it): simpler to run than a provider-specific webhook, and it works
 * with any provider. A recipient that is not a valid signed reply address is refused at RCPT TO.
 */
export class InboundMail {
  private readonly server: SMTPServer;
  private readonly perConversation = new TokenBuckets(INBOUND_PER_CONVERSATION);

  constructor(private readonly core: ConversationCore, private readonly replyKey: string, private readonly log: Log) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH'],
      // Plain SMTP: TLS is terminated by the MX or relay in front of us.
      secure: false,
      hideSTARTTLS: true,
      size: INBOUND_MAX_BYTES,
      banner: 'deflect-chat inbound',
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const id = this.conversationOf(address);
        if (!id) return callback(new SmtpRefusal('No such recipient', 550));
        // 450: a well-behaved relay retries later; a loop is slowed to the refill rate.
        if (this.perConversation.take(id) > 0) return callback(new SmtpRefusal('Too many replies to this conversation; try again later', 450));
        callback();
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session.envelope.rcptTo)
          .then(() => callback())
          .catch((e: unknown) => callback(e instanceof SmtpRefusal ? e : new SmtpRefusal('Could not take this message; try again later', 451)));
      },
    });
    this.server.on('error', (e) => this.log.warn({ err: e }, 'inbound SMTP error'));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, host, () => {
        const a = this.server.server.address();
        resolve(typeof a === 'object' && a ? a.port : port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private conversationOf(a: SMTPServerAddress): string | null {
    return conversationOfReplyAddress(this.replyKey, a.address);
  }

  private async receive(stream: NodeJS.ReadableStream & { sizeExceeded?: boolean }, rcpt: SMTPServerAddress[]): Promise<void> {
    const mail = await simpleParser(stream as never, { skipHtmlToText: false, skipImageLinks: true });
    if (stream.sizeExceeded) throw new SmtpRefusal('Message too large', 552);
    const conversationIds = [...new Set(rcpt.map((r) => this.conversationOf(r)).filter((id): id is string => id !== null))];
    const text = newPartOfReply(mail.text ?? '').slice(0, LIMITS.messageText);
    if (!text) throw new SmtpRefusal('The reply has no text', 550);
    // The same mail delivered twice (a retrying relay) is stored once.
    const fingerprint = createHash('sha256').update(mail.messageId ?? `${mail.date?.toISOString()}|${text}`).digest('base64url').slice(0, 32);
    for (const id of conversationIds) await this.post(id, fingerprint, text);
  }

  private async post(conversationId: string, fingerprint: string, text: string): Promise<void> {
    const c = await this.core.requireConversation(conversationId);
    const visitor = await this.core.store.visitors.byId(c.visitorId);
    const { duplicate } = await this.core.postRequired(c.id, { id: `email_${fingerprint}`, author: 'visitor', actor: { type: 'visitor', id: c.visitorId, name: visitor?.name ?? null }, text });
    if (duplicate) return;
    await this.core.store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'email.received', actorType: 'visitor', actorId: c.visitorId, data: {} });
    // A reply to a closed conversation opens it again as a ticket, so a person sees it.
    if (c.status === 'resolved' || c.status === 'bot') {
      await this.core.transition(c.id, { to: 'offline', from: ['resolved', 'bot'], agentId: null, event: { type: 'conversation.reopened', actor: { type: 'visitor', id: c.visitorId, name: null }, data: { via: 'email' } } });
    }
    this.core.bus.publish(topics.console, { kind: 'conversation.updated', conversationId: c.id, agentId: c.agentId });
    this.log.info({ conversationId: c.id }, 'email reply received');
  }
}
