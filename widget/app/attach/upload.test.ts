import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/locale';
import { upload } from './index';
import { attachStrings, type UploadError } from './strings';

/** A real HTTP server standing in for the chat server (or a proxy in front of it), answering every upload with `handle`. */
async function serverAnswering(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    // Read the body first, as a real server would, so the client sees the answer and not a reset.
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((close) => close()));
});

const photo = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'photo.png', { type: 'image/png' });
const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const refusal = (promise: Promise<unknown>) => promise.then(() => 'uploaded', (e: unknown) => e);

describe('why an upload failed, as the widget tells the visitor', () => {
  it('reads the reason from the server’s error code', async () => {
    const cases: Array<[number, string, UploadError]> = [
      [413, 'file_too_large', 'file_too_large'],
      [415, 'file_type_refused', 'file_type_refused'],
      [403, 'forbidden', 'forbidden'],
      [403, 'site_disabled', 'forbidden'],
      [429, 'rate_limited', 'rate_limited'],
      [401, 'unauthorized', 'failed'],
      [503, 'busy', 'failed'],
    ];
    for (const [status, code, expected] of cases) {
      const url = await serverAnswering(json(status, { type: 'error', code, message: 'no' }));
      expect(await refusal(upload(photo(), 't', url)), code).toBe(expected);
    }
  });

  it('falls back on the HTTP status when a proxy answers with a page of its own', async () => {
    for (const [status, expected] of [[413, 'file_too_large'], [429, 'rate_limited'], [403, 'forbidden'], [502, 'failed']] as const) {
      const url = await serverAnswering((_req, res) => res.writeHead(status, { 'content-type': 'text/html' }).end('<h1>nginx</h1>'));
      expect(await refusal(upload(photo(), 't', url)), String(status)).toBe(expected);
    }
  });

  it('says "check your connection" when the request never gets an answer', async () => {
    // Nobody listens on a port just closed; and a server that drops the connection mid-request.
    const closed = await serverAnswering(() => {});
    await running.pop()!();
    expect(await refusal(upload(photo(), 't', closed))).toBe('offline');
    const dropping = await serverAnswering((req) => req.socket.destroy());
    expect(await refusal(upload(photo(), 't', dropping))).toBe('offline');
  });

  it('refuses a file over the site limit without sending it, and sends one at the limit', async () => {
    let uploads = 0;
    const url = await serverAnswering((req, res) => {
      uploads++;
      json(201, { id: 'f_abcdefghijklmnopqrst', name: 'photo.png', type: 'image/png', size: 4 })(req, res);
    });
    expect(await refusal(upload(photo(), 't', url, 3))).toBe('file_too_large');
    expect(uploads).toBe(0);
    expect(await upload(photo(), 't', url, 4)).toMatchObject({ id: 'f_abcdefghijklmnopqrst' });
    expect(uploads).toBe(1);
  });

  it('never takes a foreign JSON field for a reason', async () => {
    const url = await serverAnswering(json(400, { code: 'toString' }));
    expect(await refusal(upload(photo(), 't', url))).toBe('failed');
  });

  it('sends the file with the visitor token and returns the attachment', async () => {
    let auth: string | undefined;
    let query: string | undefined;
    const url = await serverAnswering((req, res) => {
      auth = req.headers.authorization;
      query = req.url;
      json(201, { id: 'f_abcdefghijklmnopqrst', name: 'photo.png', type: 'image/png', size: 4 })(req, res);
    });
    expect(await upload(photo(), 'tok', url)).toEqual({ id: 'f_abcdefghijklmnopqrst', name: 'photo.png', type: 'image/png', size: 4 });
    expect(auth).toBe('Bearer tok');
    expect(query).toBe('/api/visitor/files?name=photo.png');
  });

  it('has every reason in every language, each naming the file and each different', () => {
    const reasons: UploadError[] = ['file_too_large', 'file_type_refused', 'forbidden', 'rate_limited', 'offline', 'failed'];
    for (const locale of LOCALES) {
      const s = attachStrings(locale);
      const texts = reasons.map((r) => s[r]);
      for (const [i, text] of texts.entries()) expect(text, `${locale} ${reasons[i]}`).toContain('{name}');
      expect(new Set(texts).size, locale).toBe(reasons.length);
      if (locale !== 'en') expect(texts.filter((t, i) => t === attachStrings('en')[reasons[i]!]), locale).toEqual([]);
    }
  });
});
