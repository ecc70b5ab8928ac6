import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { TYPES_OF_KIND } from '../../shared/files';
import type { Attachment } from '../../shared/protocol/index';
import type { Config } from '../config';
import { RateLimits } from '../limits/rate-limits';
import { TokenBuckets } from '../limits/token-bucket';
import type { Store } from '../store/store';
import type { Site } from '../store/types';
import type { StoredFile, Uploader } from './file-repo';
import { sniff } from './sniff';

const DAY_MS = 86_400_000;
/** Uploads no message took are deleted after this long (docs/API.md, "Attachments"). */
export const UNATTACHED_TTL_MS = DAY_MS;
/** How often one node sweeps unattached uploads; the DELETE is idempotent, so nodes need not agree. */
const SWEEP_EVERY_MS = 10 * 60_000;

/** What a site accepts right now: its own settings, bounded by the server's FILE_MAX_BYTES. */
export function sitePolicy(site: Site, serverMaxBytes: number): { enabled: boolean; maxBytes: number; types: Set<string> } {
  const a = site.settings.attachments;
  return { enabled: a.enabled, maxBytes: Math.min(a.maxBytes, serverMaxBytes), types: new Set(a.kinds.flatMap((k) => TYPES_OF_KIND[k])) };
}

/** What the welcome tells the widget about files: whether to offer attaching, and the size it may send. */
export function filePolicyOf(site: Site, serverMaxBytes: number): { enabled: boolean; maxBytes: number } {
  const { enabled, maxBytes } = sitePolicy(site, serverMaxBytes);
  return { enabled, maxBytes };
}

/**
 * Reads an upload's bytes, refusing it the moment it passes `cap` (the declared length is checked
 * first, so an honest oversize upload is refused before any byte is read). Never buffers more than `cap`.
 */
export function readCapped(stream: Readable, declaredLength: number | undefined, cap: number): Promise<Buffer> {
  const tooLarge = () => new AppError('file_too_large', `the file is larger than ${cap} bytes`);
  if (declaredLength !== undefined && declaredLength > cap) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        stream.off('data', onData);
        stream.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    stream.on('data', onData);
    stream.once('end', () => resolve(Buffer.concat(chunks, size)));
    stream.once('error', reject);
  });
}

/** A display name safe to store and show: no folders, no control characters, bounded. */
export function cleanName(raw: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return base || 'file';
}

/** Gives the uploader's file to the conversation its message goes to; an unknown or foreign file is not found. */
export async function attachFile(store: Store, fileId: string, uploader: Uploader, siteId: string, conversationId: string): Promise<Attachment> {
  const a = await store.files.attach(fileId, uploader, siteId, conversationId);
  if (!a) throw new AppError('not_found', 'that file is not available; please attach it again');
  return a;
}

/** Uploads: the site's policy, content sniffing, per-uploader rate and daily bytes, and who may read a file. */
export class FileService {
  private readonly uploads: TokenBuckets;
  private lastSweep = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly limits: Config['files'],
    private readonly onSweepError: (e: unknown) => void = () => {},
  ) {
    this.uploads = new TokenBuckets({ capacity: Math.max(3, Math.ceil(limits.uploadsPerMinute / 3)), refillPerSecond: limits.uploadsPerMinute / 60 });
    this.timer = setInterval(() => this.uploads.sweep(), 60_000);
    this.timer.unref();
  }

  /** The cap to read an upload for `site` with; throws when the site takes no files. */
  capFor(site: Site): number {
    const policy = sitePolicy(site, this.limits.maxBytes);
    if (!policy.enabled) throw new AppError('forbidden', 'this site does not accept files');
    return policy.maxBytes;
  }

  /** Spends one upload of the uploader's rate before any byte is read. */
  spend(uploader: Uploader): void {
    RateLimits.check(this.uploads, `${uploader.type}:${uploader.id}`, 'You are uploading files very fast');
  }

  /** Sniffs, checks the site's kinds and the uploader's daily bytes, then stores the file. */
  async save(site: Site, uploader: Uploader, name: string, data: Buffer): Promise<Attachment> {
    const policy = sitePolicy(site, this.limits.maxBytes);
    if (data.length === 0) throw new AppError('bad_request', 'the file is empty');
    const type = sniff(data, name);
    if (!policy.types.has(type)) throw new AppError('file_type_refused', `files of this type (${type}) are not accepted here`);
    const used = await this.store.files.bytesSince(uploader, Date.now() - DAY_MS);
    if (used + data.length > this.limits.bytesPerDay) throw new AppError('rate_limited', 'You have uploaded a lot today: please try again tomorrow');
    const saved = await this.store.files.insert({ siteId: site.id, uploader, name, type, data });
    this.sweepNowAndThen();
    return saved;
  }

  /** A visitor reads their own uploads and the files of their own conversations. */
  async forVisitor(fileId: string, visitor: { id: string; siteId: string }): Promise<StoredFile> {
    const f = await this.store.files.byId(fileId);
    if (f && f.siteId === visitor.siteId) {
      if (f.uploader.type === 'visitor' && f.uploader.id === visitor.id) return f;
      const c = f.conversationId ? await this.store.conversations.byId(f.conversationId) : undefined;
      if (c && c.visitorId === visitor.id) return f;
    }
    throw new AppError('not_found', 'file not found');
  }

  /** An agent reads their own uploads and the files of conversations they may read. */
  async forAgent(fileId: string, agentId: string, mayRead: (conversationId: string) => Promise<boolean>): Promise<StoredFile> {
    const f = await this.store.files.byId(fileId);
    if (f) {
      if (f.uploader.type === 'agent' && f.uploader.id === agentId) return f;
      if (f.conversationId && (await mayRead(f.conversationId))) return f;
    }
    throw new AppError('not_found', 'file not found');
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    this.store.files.sweepUnattached(UNATTACHED_TTL_MS).catch(this.onSweepError);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
