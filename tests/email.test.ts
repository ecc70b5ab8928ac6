import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailOutboxRepo } from '../server/email/outbox-repo';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, startServer, visitor, type RunningServer } from './support/server';
import { SmtpSink } from './support/smtp-sink';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
const isMessage = (author: string, text?: string) => (f: Frame) =>
  f.type === 'message' && (f.message as { author: string }).author === author && (text === undefined || (f.message as { text: string }).text === text);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const a = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return typeof a === 'object' && a ? a.port : 0;
}

/** The visitor's mail client answering through our inbound SMTP listener. */
async function replyByEmail(port: number, to: string, text: string, inReplyTo?: string, messageId?: string) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ from: 'Ana <ana@example.com>', to, subject: 'Re: Your conversation', text, inReplyTo, references: inReplyTo, messageId });
  } finally {
    transport.close();
  }
}

for (const backend of backends()) {
  describe(`email over real SMTP (${backend.name})`, () => {
    let server: RunningServer;
    let sink: SmtpSink;
    let inboundPort: number;

    beforeAll(async () => {
      sink = await new SmtpSink().start();
      inboundPort = await freePort();
      server = await startServer(
        backend,
        { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Demo Support <support@demo.test>', SMTP_ALLOW_PRIVATE: 'true', INBOUND_SMTP_PORT: String(inboundPort), INBOUND_SMTP_HOST: '127.0.0.1' },
        undefined,
        undefined,
        { emailSender: { pollMs: 50, retryBaseMs: 200, retryMaxMs: 400 } },
      );
    });
    afterAll(async () => {
      await server.close();
      await sink.stop();
    });

    it('emails an agent’s reply to a ticket, threaded, and threads the visitor’s email reply back live', async () => {
      const { socket: v, welcome } = await visitor(server);
      expect((welcome as unknown as { site: { email?: boolean } }).site.email).toBe(true);
      const left = clientId();
      v.send({ type: 'visitor.leave_message', id: left, email: 'ana@example.com', name: 'Ana', text: 'My helmet arrived cracked' });
      const ack = await v.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === left);
      const conversationId = ack.conversationId;

      const alex = await agent(server, 'agent@demo.test');
      alex.socket.send({ type: 'agent.open', conversationId });
      await alex.socket.type('conversation');
      const reply = clientId();
      alex.socket.send({ type: 'agent.send', id: reply, conversationId, text: 'Sorry! A new helmet ships today.' });
      await alex.socket.next((f) => f.type === 'ack' && f.id === reply);
      await v.next(isMessage('agent', 'Sorry! A new helmet ships today.'));

      const mail = await sink.next((m) => m.text?.includes('A new helmet ships today') ?? false);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('ana@example.com');
      expect(mail.from?.value[0]?.address).toBe('support@demo.test');
      const root = `<conversation.${conversationId}@demo.test>`;
      expect(mail.inReplyTo).toBe(root);
      expect([mail.references].flat()).toContain(root);
      expect(mail.messageId).toMatch(new RegExp(`^<message\\.${conversationId}\\.\\d+@demo\\.test>$`));
      const replyTo = mail.replyTo?.value[0]?.address ?? '';
      expect(replyTo).toMatch(new RegExp(`^reply\\+${conversationId}\\.[\\w-]{22}@demo\\.test$`));
      expect(mail.headers.get('x-deflect-kind')).toBe('ticket_reply');

      // The visitor answers from their mail client; the quoted original is dropped.
      const answer = `<answer.${conversationId}@example.com>`;
      const body = 'Great, thank you!\n\nOn Tue, 1 Dec 2026, Demo Support wrote:\n> Sorry! A new helmet ships today.\n';
      await replyByEmail(inboundPort, replyTo, body, mail.messageId, answer);
      const back = await alex.socket.next<{ message: { text: string; conversationId: string } }>(isMessage('visitor', 'Great, thank you!'));
      expect(back.message.conversationId).toBe(conversationId);
      await v.next(isMessage('visitor', 'Great, thank you!'));

      // A relay that delivers the same mail twice does not duplicate it.
      await replyByEmail(inboundPort, replyTo, body, mail.messageId, answer);
      const stored = await server.store.messages.after(conversationId, 0, 100, false);
      expect(stored.filter((m) => m.text === 'Great, thank you!')).toHaveLength(1);
      v.close();
      alex.socket.close();
    });

    it('refuses mail to a forged or unknown reply address and stores nothing', async () => {
      const { socket: v } = await visitor(server);
      const left = clientId();
      v.send({ type: 'visitor.leave_message', id: left, email: 'bo@example.com', text: 'Where is my order?' });
      const { conversationId } = await v.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === left);
      const before = await server.store.messages.after(conversationId, 0, 100, false);
      for (const to of [`reply+${conversationId}.AAAAAAAAAAAAAAAAAAAAAA@demo.test`, 'support@demo.test', `reply+${conversationId}@demo.test`]) {
        await expect(replyByEmail(inboundPort, to, 'let me in')).rejects.toMatchObject({ responseCode: 550 });
      }
      expect(await server.store.messages.after(conversationId, 0, 100, false)).toEqual(before);
    });

    it('slows a flood of email replies to one conversation (a mail loop) with a temporary refusal', async () => {
      const { socket: v } = await visitor(server);
      const left = clientId();
      v.send({ type: 'visitor.leave_message', id: left, email: 'gil@example.com', text: 'Hello?' });
      const { conversationId } = await v.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === left);
      const alex = await agent(server, 'agent@demo.test');
      const reply = clientId();
      alex.socket.send({ type: 'agent.send', id: reply, conversationId, text: 'Hello Gil, how can we help?' });
      const mail = await sink.next((m) => m.text?.includes('Hello Gil') ?? false);
      const to = mail.replyTo?.value[0]?.address ?? '';
      const outcomes: number[] = [];
      for (let i = 0; i < 12; i++) outcomes.push(await replyByEmail(inboundPort, to, `auto-reply ${i}`).then(() => 250, (e: { responseCode: number }) => e.responseCode));
      expect(outcomes.filter((c) => c === 250)).toHaveLength(10);
      expect(outcomes.slice(10)).toEqual([450, 450]);
      v.close();
      alex.socket.close();
      v.close();
    });

    it('emails the transcript to the visitor on request, a few times per hour at most', async () => {
      const { socket: v } = await visitor(server);
      v.send({ type: 'visitor.send', id: clientId(), text: 'How long does shipping take?' });
      await v.next(isMessage('bot'));
      const first = clientId();
      v.send({ type: 'visitor.transcript', id: first, email: 'cy@example.com' });
      const ack = await v.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === first);
      const mail = await sink.next((m) => m.subject?.startsWith('Transcript') === true && m.text?.includes('How long does shipping take?') === true);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('cy@example.com');
      expect(mail.text).toMatch(/You: How long does shipping take\?/);
      expect(mail.inReplyTo).toBe(`<conversation.${ack.conversationId}@demo.test>`);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      // The typed address is kept: later requests need none.
      for (let i = 0; i < 2; i++) {
        const again = clientId();
        v.send({ type: 'visitor.transcript', id: again });
        await v.next((f) => f.type === 'ack' && f.id === again);
      }
      const over = clientId();
      v.send({ type: 'visitor.transcript', id: over });
      const refused = await v.next<{ code: string }>((f) => f.type === 'error' && f.id === over);
      expect(refused.code).toBe('rate_limited');
      v.close();
    });

    it('tells a visitor who left the page that an agent replied, and not one who is still there', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const { socket: v, welcome } = await visitor(server);
      v.send({ type: 'visitor.identify', identity: { email: 'dee@example.com' } });
      v.send({ type: 'visitor.escalate', id: clientId() });
      const queued = await v.next<{ conversationId: string }>((f) => f.type === 'status' && f.status === 'queued');
      const conversationId = queued.conversationId;
      const claim = clientId();
      alex.socket.send({ type: 'agent.claim', id: claim, conversationId });
      await alex.socket.next((f) => f.type === 'ack' && f.id === claim);

      const live = clientId();
      alex.socket.send({ type: 'agent.send', id: live, conversationId, text: 'Hi, looking into it now.' });
      await v.next(isMessage('agent', 'Hi, looking into it now.'));
      v.close();
      // The server notices the closed socket asynchronously; a fixed sleep was flaky under load.
      await expect.poll(() => server.app.services.visitorSockets.isConnected(welcome.visitorId), { timeout: 5_000 }).toBe(false);
      const late = clientId();
      alex.socket.send({ type: 'agent.send', id: late, conversationId, text: 'Found it: it arrives Friday.' });
      await alex.socket.next((f) => f.type === 'ack' && f.id === late);
      const mail = await sink.next((m) => m.text?.includes('arrives Friday') ?? false);
      expect(mail.headers.get('x-deflect-kind')).toBe('reply_notice');
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('dee@example.com');
      const queuedMail = await new EmailOutboxRepo(server.store.db).forConversation(conversationId);
      expect(queuedMail.map((m) => m.text).join()).not.toContain('looking into it now');
      expect(welcome.visitorId).toBeTruthy();
      alex.socket.close();
    });

    it('retries after the SMTP server was down, without holding up the chat', async () => {
      const port = sink.port;
      await sink.stop();
      const { socket: v } = await visitor(server);
      const left = clientId();
      v.send({ type: 'visitor.leave_message', id: left, email: 'eve@example.com', text: 'Is anyone there?' });
      const { conversationId } = await v.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === left);
      const alex = await agent(server, 'agent@demo.test');
      const reply = clientId();
      alex.socket.send({ type: 'agent.send', id: reply, conversationId, text: 'Yes, we are here now.' });
      // The reply is acknowledged and delivered in the widget although mail cannot go out.
      await alex.socket.next((f) => f.type === 'ack' && f.id === reply);
      await v.next(isMessage('agent', 'Yes, we are here now.'));

      const repo = new EmailOutboxRepo(server.store.db);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [queued] = await repo.forConversation(conversationId);
        if (queued && queued.attempts >= 2 && queued.status === 'pending' && queued.lastError) break;
        if (Date.now() > deadline) throw new Error(`no failed attempts recorded: ${JSON.stringify(queued)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await sink.start(port);
      const mail = await sink.next((m) => m.text?.includes('Yes, we are here now.') ?? false);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('eve@example.com');
      await expect.poll(async () => (await repo.forConversation(conversationId))[0]?.status).toBe('sent');
      v.close();
      alex.socket.close();
    });
  });

  describe(`without SMTP_URL (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    });
    afterAll(async () => {
      await server.close();
    });

    it('promises no email, queues none, and still delivers a ticket reply in the widget', async () => {
      const { socket: v, welcome } = await visitor(server);
      expect((welcome as unknown as { site: { email?: boolean } }).site.email).toBe(false);
      const left = clientId();
      v.send({ type: 'visitor.leave_message', id: left, email: 'fay@example.com', text: 'Please call me' });
      const { conversationId } = await v.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === left);
      const alex = await agent(server, 'agent@demo.test');
      const reply = clientId();
      alex.socket.send({ type: 'agent.send', id: reply, conversationId, text: 'We will call you at noon.' });
      await alex.socket.next((f) => f.type === 'ack' && f.id === reply);
      await v.next(isMessage('agent', 'We will call you at noon.'));
      expect(await new EmailOutboxRepo(server.store.db).forConversation(conversationId)).toEqual([]);
      const asked = clientId();
      v.send({ type: 'visitor.transcript', id: asked, email: 'fay@example.com' });
      expect((await v.next<{ code: string }>((f) => f.type === 'error' && f.id === asked)).code).toBe('invalid_state');
      v.close();
      alex.socket.close();
    });
  });
}
