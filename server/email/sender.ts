import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailConfig } from '../config';
import { hostRefusal, outboundPolicy } from '../net/address-policy';
import type { Store } from '../store/store';
import { WokenLoop } from '../store/woken-loop';
import { retryDelay } from '../webhooks/dispatcher';
import { EmailOutboxRepo, type QueuedEmail } from './outbox-repo';

/**
 * Mail goes only to public addresses, by the same rule as webhooks (server/net/address-policy.ts), unless
 * the operator opts in: a local relay (postfix on 127.0.0.1, a sidecar) is common, so SMTP_ALLOW_PRIVATE=true
 * allows any address. Returns why the host is refused, or null.
 */
export async function refuseSmtpHost(host: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const refused = await hostRefusal(host, outboundPolicy());
  return refused && `SMTP host ${refused}; set SMTP_ALLOW_PRIVATE=true to use a local relay`;
}

export interface SenderOptions {
  /** The safety poll: a pass at least this often; otherwise a pass runs when a mail is queued (Store.wake). */
  pollMs: number;
  /** A wake runs a pass this much later, so mails queued together go in one pass. */
  wakeDelayMs: number;
  batch: number;
  /** Retry n waits retryBaseMs × 2^(n−1) (plus up to 20 % jitter), at most retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** An SMTP conversation that takes longer than this has failed this attempt. */
  timeoutMs: number;
}

export const DEFAULT_SENDER: SenderOptions = { pollMs: 5_000, wakeDelayMs: 20, batch: 20, retryBaseMs: 30_000, retryMaxMs: 3_600_000, maxAttempts: 10, timeoutMs: 30_000 };

interface Log { warn(obj: object, msg: string): void }

/**
 * Sends the email outbox in the background on every node (claims are leased in the database).
 * Chats only ever write rows; nothing here runs inside a chat's request.
 */
export class EmailSender {
  private readonly options: SenderOptions;
  private readonly repo: EmailOutboxRepo;
  private readonly transport: Transporter;
  private readonly loop: WokenLoop;
  private stopWaking: (() => void) | null = null;

  constructor(private readonly store: Store, private readonly config: EmailConfig, private readonly log: Log, options: Partial<SenderOptions> = {}) {
    this.options = { ...DEFAULT_SENDER, ...options };
    this.repo = new EmailOutboxRepo(store.db);
    const t = this.options.timeoutMs;
    this.transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: t, greetingTimeout: t, socketTimeout: t, disableFileAccess: true, disableUrlAccess: true });
    this.loop = new WokenLoop(
      async () => {
        const claimed = await this.pass();
        const due = await this.repo.nextDueInMs();
        // A mail due now that another node holds is looked at again after a pause, not in a tight loop.
        return { more: claimed >= this.options.batch, nextInMs: due === null ? null : Math.max(this.options.wakeDelayMs, due) };
      },
      this.options,
      (e) => this.log.warn({ err: e }, 'email pass failed'),
    );
  }

  start(): void {
    this.stopWaking ??= this.store.wake.on('email', () => this.loop.wake());
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopWaking?.();
    this.stopWaking = null;
    await this.loop.stop();
    this.transport.close();
  }

  /** Claims and sends what is due; returns how many were claimed. */
  async pass(): Promise<number> {
    const due = await this.repo.claimDue(this.options.batch, this.options.timeoutMs * 4);
    for (const e of due) await this.send(e);
    return due.length;
  }

  /** Runs passes until nothing is due (for tests and scripts). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.repo.pendingDue()) > 0) {
      await this.pass();
      if (Date.now() > deadline) throw new Error('email outbox did not drain in time');
    }
  }

  private async send(e: QueuedEmail): Promise<void> {
    try {
      const refused = await refuseSmtpHost(new URL(this.config.smtpUrl).hostname, this.config.allowPrivate);
      if (refused) throw new Error(refused);
      await this.transport.sendMail({
        from: this.config.from,
        to: e.to,
        subject: e.subject,
        text: e.text,
        messageId: e.messageId,
        inReplyTo: e.inReplyTo ?? undefined,
        references: e.inReplyTo ?? undefined,
        replyTo: e.replyTo ?? undefined,
        // Replies are written by a person; transcripts and notices are machine-sent (RFC 3834).
        headers: { 'X-Deflect-Kind': e.kind, ...(e.kind === 'ticket_reply' ? {} : { 'Auto-Submitted': 'auto-generated' }) },
      });
      await this.repo.sent(e.id);
    } catch (err) {
      const giveUp = e.attempts >= this.options.maxAttempts;
      await this.repo.failed(e.id, (err as Error).message, { giveUp, retryInMs: retryDelay(e.attempts, this.options) }).catch((x: unknown) => this.log.warn({ err: x }, 'could not record email attempt'));
      this.log.warn({ err, email: e.id, attempt: e.attempts }, giveUp ? 'email failed for good' : 'email failed; will retry');
    }
  }
}
