import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { OutboundPolicy } from './address-policy';

export interface GuardedPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  policy: OutboundPolicy;
  /** The whole exchange (lookup, connect, reply) must end within this; a `TimeoutError` otherwise. */
  timeoutMs?: number;
}

export interface GuardedResponse {
  status: number;
  /** At most EXCERPT_CHARS of the reply as plain text, or null for an empty or non-text reply. */
  excerpt: string | null;
}

/** What we keep of a receiver's reply: enough to debug, never a page of someone's internal service. */
export const EXCERPT_CHARS = 200;
const READ_BYTES = 1_024;
const TEXTUAL = /^(text\/|application\/(json|xml|problem\+json)|$)/i;

/**
 * Resolves a name, checks every address against the policy, and hands the socket only checked
 * addresses: the connection goes to exactly what was checked, so DNS rebinding has no gap to use.
 */
export function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      try {
        // One bad address refuses the name: a receiver's DNS must not mix public and internal answers.
        for (const a of addresses) policy.check(a.address);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** POSTs `body` to `url` under the outbound policy; redirects are not followed. */
export function guardedPost(p: GuardedPost): Promise<GuardedResponse> {
  const target = new URL(p.url);
  // An IP literal (any spelling: URL parsing has already turned 2130706433 into 127.0.0.1) skips DNS.
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) p.policy.check(host);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: 'POST', headers: { ...p.headers, 'content-length': String(Buffer.byteLength(p.body)) }, lookup: guardedLookup(p.policy), signal: p.signal, agent: false }, (res) => {
      readExcerpt(res).then(
        (excerpt) => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, excerpt });
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
    // A timer of our own, not only an AbortSignal.timeout: a signal combined with AbortSignal.any can be
    // collected before it fires (seen as a delivery that never ended), and this one also bounds reading the reply.
    const timer = p.timeoutMs === undefined ? undefined : setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${p.timeoutMs} ms`), { name: 'TimeoutError' })), p.timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(p.body);
  });
}

async function readExcerpt(res: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= READ_BYTES) break;
  }
  res.destroy();
  if (!TEXTUAL.test(String(res.headers['content-type'] ?? ''))) return size > 0 ? '(non-text reply not kept)' : null;
  return plainExcerpt(Buffer.concat(chunks).subarray(0, READ_BYTES).toString('utf8'));
}

/** Control characters become spaces and runs of whitespace one space; cut to EXCERPT_CHARS. */
export function plainExcerpt(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!plain) return null;
  return plain.length > EXCERPT_CHARS ? `${plain.slice(0, EXCERPT_CHARS - 1)}…` : plain;
}
