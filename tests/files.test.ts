import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { exe, html, pdf, png, svg } from './support/files';
import { agent, clientId, signIn, startServer, visitor, type RunningServer } from './support/server';
import type { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
interface Attachment { id: string; name: string; type: string; size: number }
/** The welcome's file policy (the test client types only the fields most tests read). */
const filesOf = (welcome: object) => (welcome as { site?: { files?: unknown } }).site?.files;
interface Msg { seq: number; author: string; text: string; attachment?: Attachment | null }

for (const backend of backends()) {
  describe(`files and images both ways (${backend.name})`, () => {
    let server: RunningServer;
    let admin = '';
    let siteId = '';

    const upload = (token: string, body: Buffer | ReadableStream<Uint8Array>, name: string, headers: Record<string, string> = {}) =>
      fetch(`${server.http}/api/visitor/files?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers },
        body: body instanceof Buffer ? new Uint8Array(body) : body,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    const download = (id: string, auth: { token?: string; cookie?: string }) =>
      fetch(`${server.http}/api/${auth.token ? 'visitor/' : ''}files/${id}`, {
        headers: auth.token ? { authorization: `Bearer ${auth.token}` } : auth.cookie ? { cookie: auth.cookie } : {},
      });
    const setAttachments = async (attachments: Record<string, unknown>) => {
      const res = await fetch(`${server.http}/api/admin/sites/${siteId}`, { method: 'PATCH', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ settings: { attachments } }) });
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json() as Promise<{ settings: { attachments: unknown } }>;
    };
    const sendAndAck = async (socket: TestSocket, frame: Record<string, unknown>) => {
      const id = clientId();
      socket.send({ ...frame, id });
      return socket.next<Frame>((f) => (f.type === 'ack' || f.type === 'error') && f.id === id);
    };

    /** A visitor handed to a person, and the agent who claimed them. */
    async function staffedChat() {
      const alex = await agent(server);
      const v = await visitor(server);
      await sendAndAck(v.socket, { type: 'visitor.escalate' });
      const item = await alex.socket.next<{ items: Array<{ conversationId: string }> }>((f) => f.type === 'queue' && (f.items as unknown[]).length > 0);
      const conversationId = item.items.at(-1)!.conversationId;
      expect((await sendAndAck(alex.socket, { type: 'agent.claim', conversationId })).type).toBe('ack');
      return { v, alex, conversationId };
    }

    beforeAll(async () => {
      server = await startServer(backend, { RATE_UPLOADS_PER_MINUTE: '60', FILE_BYTES_PER_DAY: '60000' });
      admin = await signIn(server, 'admin@demo.test');
      siteId = (await server.store.sites.byKey('demo'))!.id;
    }, 120_000);
    afterAll(async () => {
      await server.close();
    });

    it('takes a visitor image and PDF by content, shows them to the agent, and serves them with safe headers', async () => {
      const { v, alex, conversationId } = await staffedChat();
      // The claimed type is ignored: the bytes decide.
      const res = await upload(v.welcome.token, png(), 'photo.png', { 'content-type': 'application/pdf' });
      expect(res.status).toBe(201);
      const image = (await res.json()) as Attachment;
      expect(image).toMatchObject({ name: 'photo.png', type: 'image/png', size: png().length });
      expect(image.id).toMatch(/^f_[\w-]{20,}$/);

      const doc = (await (await upload(v.welcome.token, pdf(), 'invoice 2026.pdf')).json()) as Attachment;
      expect(doc.type).toBe('application/pdf');

      expect((await sendAndAck(v.socket, { type: 'visitor.send', text: '', attachment: image.id })).type).toBe('ack');
      expect((await sendAndAck(v.socket, { type: 'visitor.send', text: 'here is the invoice', attachment: doc.id })).type).toBe('ack');
      const seen = await alex.socket.next<{ message: Msg }>((f) => f.type === 'message' && (f.message as Msg).attachment?.id === doc.id);
      expect(seen.message.text).toBe('here is the invoice');
      expect(seen.message.attachment).toEqual(doc);

      const img = await download(image.id, { cookie: alex.cookie });
      expect(img.status).toBe(200);
      expect(Buffer.from(await img.arrayBuffer()).equals(png())).toBe(true);
      expect(img.headers.get('content-type')).toBe('image/png');
      expect(img.headers.get('content-disposition')).toMatch(/^inline;/);
      expect(img.headers.get('x-content-type-options')).toBe('nosniff');
      expect(img.headers.get('content-security-policy')).toMatch(/^sandbox/);
      expect(img.headers.get('cache-control')).toMatch(/^private/);

      const file = await download(doc.id, { cookie: alex.cookie });
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="invoice 2026.pdf"; filename*=UTF-8''invoice%202026.pdf`);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await file.arrayBuffer()).equals(pdf())).toBe(true);

      // The transcript replayed later keeps the attachments.
      alex.socket.send({ type: 'agent.open', conversationId });
      const opened = await alex.socket.type<{ messages: Msg[] }>('conversation');
      expect(opened.messages.filter((m) => m.attachment).map((m) => m.attachment!.type)).toEqual(['image/png', 'application/pdf']);
    });

    it('lets the agent send an image back, which only that visitor can download', async () => {
      const { v, alex, conversationId } = await staffedChat();
      const up = await fetch(`${server.http}/api/files?conversationId=${conversationId}&name=label.png`, { method: 'POST', headers: { cookie: alex.cookie, 'content-type': 'image/png' }, body: new Uint8Array(png(4, 4, [0, 120, 0])) });
      expect(up.status).toBe(201);
      const image = (await up.json()) as Attachment;
      expect((await sendAndAck(alex.socket, { type: 'agent.send', conversationId, text: 'your label', attachment: image.id })).type).toBe('ack');
      const got = await v.socket.next<{ message: Msg }>((f) => f.type === 'message' && (f.message as Msg).author === 'agent');
      expect(got.message.attachment).toEqual(image);

      const mine = await download(image.id, { token: v.welcome.token });
      expect(mine.status).toBe(200);
      expect(Buffer.from(await mine.arrayBuffer()).equals(png(4, 4, [0, 120, 0]))).toBe(true);

      // Never by URL alone: no credentials, another visitor, a forged token.
      expect((await download(image.id, {})).status).toBe(401);
      const stranger = await visitor(server);
      expect((await download(image.id, { token: stranger.welcome.token })).status).toBe(404);
      expect((await download(image.id, { token: `${v.welcome.token}x` })).status).toBe(401);
      stranger.socket.ws.close();
    });

    it('refuses files whose content is not an allowed type, whatever their name', async () => {
      const { welcome, socket } = await visitor(server);
      for (const [bytes, name] of [[svg(), 'logo.svg'], [html(), 'photo.png'], [exe(), 'invoice.pdf']] as const) {
        const res = await upload(welcome.token, bytes, name);
        expect(res.status, name).toBe(415);
        expect(await res.json()).toMatchObject({ type: 'error', code: 'file_type_refused' });
      }
      expect((await upload(welcome.token, Buffer.from('order number 42\n'), 'notes.txt')).status).toBe(201);
      socket.ws.close();
    });

    it('keeps each file to its uploader: another visitor cannot send or read it, and a file goes to one conversation only', async () => {
      const a = await visitor(server);
      const b = await visitor(server);
      const file = (await (await upload(a.welcome.token, png(), 'a.png')).json()) as Attachment;
      const stolen = await sendAndAck(b.socket, { type: 'visitor.send', text: 'look', attachment: file.id });
      expect(stolen).toMatchObject({ type: 'error', code: 'not_found' });
      expect((await download(file.id, { token: b.welcome.token })).status).toBe(404);
      expect((await download(file.id, { token: a.welcome.token })).status).toBe(200);
      const bad = await sendAndAck(a.socket, { type: 'visitor.send', text: '', attachment: 'not-a-file-id' });
      expect(bad).toMatchObject({ type: 'error', code: 'bad_frame' });
      const empty = await sendAndAck(a.socket, { type: 'visitor.send', text: '  ' });
      expect(empty).toMatchObject({ type: 'error', code: 'bad_frame', message: 'text: message is empty' });
      a.socket.ws.close();
      b.socket.ws.close();
    });

    it('enforces the site limit while the upload streams in, and the owner sets limits and kinds through the admin API', async () => {
      const saved = await setAttachments({ maxBytes: 2_048, kinds: ['images', 'text'] });
      expect(saved.settings.attachments).toEqual({ enabled: true, maxBytes: 2_048, kinds: ['images', 'text'] });
      const { welcome, socket } = await visitor(server);
      // The welcome tells the widget whether to offer attaching, and the size it may send.
      expect(filesOf(welcome)).toEqual({ enabled: true, maxBytes: 2_048 });
      const big = await upload(welcome.token, Buffer.alloc(5_000, 'a'), 'big.txt');
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ code: 'file_too_large' });

      // No declared length (chunked): refused once the bytes pass the cap, without waiting for the rest.
      let sent = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 1_024;
          controller.enqueue(new Uint8Array(1_024).fill(97));
          if (sent > 10_000_000) controller.close();
        },
      });
      const streamed = await upload(welcome.token, endless, 'endless.txt');
      expect(streamed.status).toBe(413);
      expect(sent).toBeLessThan(10_000_000);

      expect((await upload(welcome.token, pdf(), 'a.pdf')).status).toBe(415);
      await setAttachments({ enabled: false });
      expect((await upload(welcome.token, png(), 'a.png')).status).toBe(403);
      const later = await visitor(server);
      expect(filesOf(later.welcome)).toMatchObject({ enabled: false });
      later.socket.ws.close();
      await setAttachments({ enabled: true, maxBytes: 10_485_760, kinds: ['images', 'pdf', 'text', 'office'] });
      const bad = await fetch(`${server.http}/api/admin/sites/${siteId}`, { method: 'PATCH', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ settings: { attachments: { maxBytes: 10, kinds: ['exe'] } } }) });
      expect(bad.status).toBe(400);
      socket.ws.close();
    });

    it('meters uploads per visitor: bytes per day across nodes (in the database)', async () => {
      const { welcome, socket } = await visitor(server);
      const chunkOf = Buffer.alloc(25_000, 'z');
      expect((await upload(welcome.token, chunkOf, '1.txt')).status).toBe(201);
      expect((await upload(welcome.token, chunkOf, '2.txt')).status).toBe(201);
      const third = await upload(welcome.token, chunkOf, '3.txt');
      expect(third.status).toBe(429);
      expect(await third.json()).toMatchObject({ code: 'rate_limited' });
      socket.ws.close();
    });

    it('answers the widget cross-origin only for origins the site allows', async () => {
      const pre = await fetch(`${server.http}/api/visitor/files`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const { welcome, socket } = await visitor(server);
      const ok = await upload(welcome.token, png(), 'a.png', { origin: 'https://shop.example' });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      await server.store.sites.update(siteId, { allowedOrigins: ['https://shop.example'] });
      const refused = await upload(welcome.token, png(), 'a.png', { origin: 'https://evil.example' });
      expect(refused.status).toBe(403);
      await server.store.sites.update(siteId, { allowedOrigins: [] });
      socket.ws.close();
    });

    it('deletes uploads no message took, and keeps attached ones', async () => {
      const { v, conversationId } = await staffedChat();
      const kept = (await (await upload(v.welcome.token, png(), 'kept.png')).json()) as Attachment;
      const orphan = (await (await upload(v.welcome.token, png(), 'orphan.png')).json()) as Attachment;
      expect((await sendAndAck(v.socket, { type: 'visitor.send', text: '', attachment: kept.id })).type).toBe('ack');
      await server.store.files.sweepUnattached(0);
      expect(await server.store.files.byId(orphan.id)).toBeUndefined();
      expect((await server.store.files.byId(kept.id))?.conversationId).toBe(conversationId);
    });
  });
}
